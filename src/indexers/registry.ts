// Picks the indexer for a file by its extension.
import { extname } from "node:path";
import type { Indexer } from "./indexer.js";
import { textIndexer } from "./text.js";

const INDEXERS: readonly Indexer[] = [textIndexer];

const BY_EXTENSION = new Map<string, Indexer>(
  INDEXERS.flatMap((indexer) => indexer.extensions.map((ext) => [ext, indexer] as const)),
);

export function indexerFor(path: string): Indexer | null {
  return BY_EXTENSION.get(extname(path).toLowerCase()) ?? null;
}
