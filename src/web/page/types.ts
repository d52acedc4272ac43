// The shapes the API answers with, as far as the page reads them.

export type Location =
  | { startLine: number; endLine: number }
  | { page: number }
  | { sheet: string; startRow: number; endRow: number };

export interface Hit {
  path: string;
  kind: string;
  title: string;
  heading: string;
  score: number;
  snippet: string;
  location: Location;
  modified: string;
  ocr?: { confidence: number };
  alsoIn?: string[];
}

export interface SearchAnswer {
  mode: string;
  tookMs: number;
  notice?: string;
  unsearched?: { pending: number; failed: number; partial: number; hint: string };
  results: Hit[];
}

export interface ReadAnswer {
  path: string;
  startLine: number;
  endLine: number;
  totalLines: number;
  text: string;
  ocr?: { confidence: number };
}

export interface Status {
  home: string;
  roots: { path: string; files: number }[];
  files: number;
  failed: number;
  chunks: number;
  vectors: number;
  model: { path: string | null; note?: string };
  failures: { path: string; error: string | null }[];
  readInPart: { path: string; unread: string }[];
  daemon: {
    activity: string;
    model: string | null;
    queue: {
      pending: number;
      active: string[];
      slowPending: number;
      done: number;
      ratePerSec: number;
      etaSeconds: number | null;
    };
    modelSwitch: { model: string; done: number; total: number } | null;
    recentErrors: { path: string; error: string; at: string }[];
  } | null;
}

export interface Source {
  path: string;
  files: number;
  failed: number;
  kinds: Record<string, number>;
  lastIndexed: string | null;
}

export type Value = string | number | null;

export interface RowsAnswer {
  table: string;
  total: number;
  rows: {
    values: Record<string, Value>;
    category?: string;
    source: { path: string; sheet?: string; row: number };
  }[];
  notes: string[];
}

export interface GroupsAnswer {
  group_by: string | null;
  total_groups: number;
  groups: { key: Value; currency?: string | null; count: number; sum?: Value }[];
  notes: string[];
}

export interface MemoryNote {
  id: string;
  path: string;
  title: string;
  created: string;
  client: string | null;
  tags: string[];
  text: string;
}

export interface AuditEntry {
  at: number;
  client: string;
  profile: string | null;
  tool: string;
  arguments: unknown;
  paths: string[];
  error: string | null;
}
