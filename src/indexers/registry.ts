// Picks the indexer for a file by its extension.
import { extname } from "node:path";
import type { Indexer } from "./indexer.js";
import { codeIndexer } from "./code.js";
import { delimitedIndexer } from "./delimited.js";
import { docxIndexer } from "./docx.js";
import { emailIndexer } from "./email.js";
import { htmlIndexer } from "./html.js";
import { imageIndexer } from "./image.js";
import { ofxIndexer } from "./ofx.js";
import { pdfIndexer } from "./pdf.js";
import { textIndexer } from "./text.js";
import { xlsxIndexer } from "./xlsx.js";

const INDEXERS: readonly Indexer[] = [
  textIndexer,
  pdfIndexer,
  docxIndexer,
  htmlIndexer,
  delimitedIndexer,
  emailIndexer,
  codeIndexer,
  xlsxIndexer,
  ofxIndexer,
  imageIndexer,
];

const BY_EXTENSION = new Map<string, Indexer>(
  INDEXERS.flatMap((indexer) => indexer.extensions.map((ext) => [ext, indexer] as const)),
);

export function indexerFor(path: string): Indexer | null {
  return BY_EXTENSION.get(extname(path).toLowerCase()) ?? null;
}

/** Whether a file waits in the slow lane (OCR), behind every other kind. */
export function inSlowLane(path: string): boolean {
  return indexerFor(path)?.slowLane === true;
}
