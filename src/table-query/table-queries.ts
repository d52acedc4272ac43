// The table-query seam the MCP server and the CLI share: list, query, link a file to its table.
import type Database from "better-sqlite3";
import { type CategoryRules, loadCategories } from "./categories.js";
import { type TableList, listTables, tableOfFile } from "./list-tables.js";
import { type GroupsAnswer, type RowsAnswer, runTableQuery } from "./run-query.js";
import type { TableQuery } from "./spec.js";

export class TableQueries {
  constructor(
    private readonly db: Database.Database,
    private readonly categoriesFile: string,
  ) {}

  list(limit: number, offset: number, pathPrefix?: string): TableList {
    return listTables(this.db, limit, offset, pathPrefix);
  }

  /** Categories are read on every query, so an edit to the rules applies to the next question. */
  query(query: TableQuery): RowsAnswer | GroupsAnswer {
    return runTableQuery(this.db, query, this.categories());
  }

  tableOfFile(path: string, sheet = ""): string | null {
    return tableOfFile(this.db, path, sheet);
  }

  categories(): CategoryRules {
    return loadCategories(this.categoriesFile);
  }
}
