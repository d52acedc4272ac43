// What the MCP server needs from the daemon: a narrow seam, so the server can be tested against a real daemon.
import type { DaemonStatus } from "../daemon/daemon.js";
import type { SearchRequest, SearchResponse } from "../search/search.js";
import type { Extractor } from "../indexers/extractor.js";
import type { AuditLog } from "../store/audit-log.js";
import type { FileEntry, SourceSummary } from "../store/catalog.js";
import type { TableQueries } from "../table-query/table-queries.js";

export interface McpBackend {
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Real paths of every watched root, the memory folder included. */
  roots(): string[];
  memoryDir(): string;
  status(): DaemonStatus;
  sources(): SourceSummary[];
  recent(sinceMs: number, limit: number, offset: number): { files: FileEntry[]; total: number };
  files(limit: number, offset: number): FileEntry[];
  /** Brings one path's index entry up to date now (after remember / forget). */
  indexNow(path: string): Promise<void>;
  readonly audit: AuditLog;
  /** Reads documents (PDF, DOCX, …) as text for `read`, with the same limits as indexing. */
  readonly extractor: Extractor;
  /** Statements and spreadsheets as typed tables, for query_table. */
  readonly tables: TableQueries;
  /** Called when the set of indexed files changes; returns an unsubscribe function. */
  onIndexChanged(listener: () => void): () => void;
}
