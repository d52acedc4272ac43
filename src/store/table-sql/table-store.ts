// Statements and spreadsheets as typed tables: list them, query them, link a file to its table.
import { type CategoryRules, UNCATEGORIZED, categorizer } from "../../table-query/categories.js";
import type { TableQuery } from "../../table-query/spec.js";
import type { Statements } from "../statements.js";
import type { GroupsAnswer, RowsAnswer } from "./answer.js";
import { CATEGORY_FUNCTION } from "./conditions.js";
import { type TableList, listTables, tableOfFile } from "./list-tables.js";
import { runTableQuery } from "./run-query.js";

export class TableStore {
  private categorize: (description: unknown) => string = () => UNCATEGORIZED;

  constructor(private readonly sql: Statements) {
    // Defined once; each query installs the rules it was given, so an edit applies at once.
    sql.defineFunction(CATEGORY_FUNCTION, (description) => this.categorize(description));
  }

  /** The tables of files inside `within` (and `pathPrefix`, when given). */
  list(limit: number, offset: number, within: readonly string[], pathPrefix?: string): TableList {
    return listTables(this.sql, limit, offset, within, pathPrefix);
  }

  /** Rows or groups from the tables of files inside `within`. */
  query(
    query: TableQuery,
    categories: CategoryRules,
    within: readonly string[],
  ): RowsAnswer | GroupsAnswer {
    this.categorize = categorizer(categories.rules);
    return runTableQuery(this.sql, query, within);
  }

  tableOfFile(path: string, sheet = ""): string | null {
    return tableOfFile(this.sql, path, sheet);
  }
}
