// Indexes one file: hash, extract, chunk, embed, then one store transaction. Bad files become failures.
import { createHash } from "node:crypto";
import { basename, extname } from "node:path";
import { chunkDocument, embeddingText } from "../chunk/chunker.js";
import type { ChunkingConfig } from "../config/schema.js";
import type { ModelInUse } from "../embed/model-in-use.js";
import { HearthError, errorMessage } from "../errors.js";
import type { Extractor } from "../indexers/extractor.js";
import { OCR_OFF, OcrLater } from "../indexers/indexer.js";
import { indexerFor } from "../indexers/registry.js";
import type { Store } from "../store/store.js";
import type { FileRecord, FileStat } from "../store/types.js";
import { vectorsFor } from "./embed-chunks.js";
import { readRegularFile } from "./read-file.js";
import type { IgnoreOptions } from "./ignore-rules.js";

export interface IndexDeps {
  store: Store;
  extractor: Extractor;
  /** The model in use, read once per file: the vectors are stored under the model that made them. */
  model: ModelInUse;
  chunking: ChunkingConfig;
  maxFileBytes: number;
  ignore: IgnoreOptions;
  /** OCR is on: files left unread while it was off are read again (see rereadSkippedScans). */
  ocrEnabled: boolean;
}

/** With OCR on, files recorded as left unread because it was off look changed, to be read again. */
export function rereadSkippedScans(deps: IndexDeps): number {
  return deps.ocrEnabled ? deps.store.rereadUnread(OCR_OFF) : 0;
}

export type FileOutcome =
  /** `ocr`: some of its text was recognised by OCR (a scan, a photo). */
  | { status: "indexed"; chunks: number; embedded: number; cached: number; ocr: boolean }
  | { status: "same-content" }
  | { status: "failed"; error: string }
  | { status: "gone" }
  /** Needs OCR, and was asked for in the fast lane (IndexOptions.ocrLater): nothing was written. */
  | { status: "ocr-later" };

export interface IndexOptions {
  signal?: AbortSignal;
  /** Leave a document that turns out to need OCR (a scanned PDF) for the slow lane. */
  ocrLater?: boolean;
}

function kindOf(path: string): string {
  return extname(path).slice(1).toLowerCase() || "txt";
}

export async function indexFile(
  deps: IndexDeps,
  rootId: number,
  stat: FileStat,
  previous: FileRecord | null,
  { signal, ocrLater = false }: IndexOptions = {},
): Promise<FileOutcome> {
  const { store } = deps;
  const fail = (error: string, contentHash = ""): FileOutcome => {
    store.writeFailedFile({ ...stat, rootId, kind: kindOf(stat.path), contentHash, error });
    return { status: "failed", error };
  };
  if (stat.size > deps.maxFileBytes) {
    return fail(
      `file is ${stat.size} bytes, over the index.maxFileBytes limit of ${deps.maxFileBytes}`,
    );
  }
  if (!indexerFor(stat.path)) return fail("no indexer for this kind of file");

  let bytes: Buffer;
  let mtimeMs: number;
  try {
    const read = await readRegularFile(stat.path, deps.maxFileBytes, signal);
    // A folder on the path swapped for a link to elsewhere: what was opened is not this file.
    if (read.openedAt !== null && read.openedAt !== stat.path) {
      // Replaced while it was opened (an atomic save): its next event indexes the new version.
      if (read.openedAt.endsWith(" (deleted)")) return { status: "gone" };
      return fail("cannot read: a folder on its path was replaced by a link while it was opened");
    }
    bytes = read.bytes;
    mtimeMs = read.stat.mtimeMs;
  } catch (err) {
    signal?.throwIfAborted();
    if (err instanceof HearthError && err.code === "PATH_NOT_FOUND") {
      store.deleteFile(stat.path);
      return { status: "gone" };
    }
    return fail(`cannot read: ${errorMessage(err)}`);
  }
  const contentHash = createHash("sha256").update(bytes).digest("hex");
  if (previous && previous.contentHash === contentHash) {
    // Touched but not changed: keep everything, remember the new stat so it is not read again.
    store.updateStat(stat);
    return { status: "same-content" };
  }

  if (bytes.length === 0) return fail("empty file (0 bytes)", contentHash);
  let doc;
  try {
    doc = await deps.extractor.extract({ path: stat.path, bytes, mtimeMs, ocrLater }, signal);
  } catch (err) {
    signal?.throwIfAborted();
    if (err instanceof OcrLater) return { status: "ocr-later" };
    return fail(errorMessage(err), contentHash);
  }
  const chunks = chunkDocument(doc, deps.chunking);
  const embedder = deps.model.current;
  const outcome = embedder
    ? await vectorsFor(
        chunks.map((c) => ({ hash: c.hash, text: embeddingText(c.heading, c.text) })),
        store,
        embedder,
        signal,
      )
    : { vectors: new Map<string, Float32Array>(), embedded: 0, cached: 0 };
  store.writeIndexedFile(
    {
      ...stat,
      rootId,
      kind: doc.kind || kindOf(stat.path),
      contentHash,
      title: doc.title || basename(stat.path, extname(stat.path)),
      chunks,
      tables: doc.tables ?? [],
      ocrConfidence: doc.ocr?.confidence ?? null,
      unread: doc.unread ?? null,
      vectorModel: embedder?.info.fingerprint ?? null,
    },
    outcome.vectors,
  );
  return {
    status: "indexed",
    chunks: chunks.length,
    embedded: outcome.embedded,
    cached: outcome.cached,
    ocr: doc.ocr !== undefined,
  };
}
