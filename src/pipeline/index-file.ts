// Indexes one file: hash, extract, chunk, embed, then one store transaction. Bad files become failures.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { chunkDocument, embeddingText } from "../chunk/chunker.js";
import type { ChunkingConfig } from "../config/schema.js";
import type { Embedder } from "../embed/embedder.js";
import { errorMessage } from "../errors.js";
import type { Extractor } from "../indexers/extractor.js";
import { indexerFor } from "../indexers/registry.js";
import type { Store } from "../store/store.js";
import type { FileRecord, FileStat } from "../store/types.js";
import { vectorsFor } from "./embed-chunks.js";
import type { IgnoreOptions } from "./ignore-rules.js";

export interface IndexDeps {
  store: Store;
  extractor: Extractor;
  embedder: Embedder | null;
  chunking: ChunkingConfig;
  maxFileBytes: number;
  ignore: IgnoreOptions;
}

export type FileOutcome =
  | { status: "indexed"; chunks: number; embedded: number; cached: number }
  | { status: "same-content" }
  | { status: "failed"; error: string }
  | { status: "gone" };

function kindOf(path: string): string {
  return extname(path).slice(1).toLowerCase() || "txt";
}

export async function indexFile(
  deps: IndexDeps,
  rootId: number,
  stat: FileStat,
  previous: FileRecord | null,
  signal?: AbortSignal,
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
  try {
    bytes = await readFile(stat.path, { signal });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
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
    doc = await deps.extractor.extract(stat.path, signal);
  } catch (err) {
    signal?.throwIfAborted();
    return fail(errorMessage(err), contentHash);
  }
  const chunks = chunkDocument(doc, deps.chunking);
  const outcome = deps.embedder
    ? await vectorsFor(
        chunks.map((c) => ({ hash: c.hash, text: embeddingText(c.heading, c.text) })),
        store,
        deps.embedder,
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
      vectorModel: deps.embedder?.info.fingerprint ?? null,
    },
    outcome.vectors,
  );
  return {
    status: "indexed",
    chunks: chunks.length,
    embedded: outcome.embedded,
    cached: outcome.cached,
  };
}
