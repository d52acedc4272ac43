// doctor for one file: what happens to it and why — the roots and rules that decide, its index
// entry, and what extracting it gives now. The CLI's `hearth doctor FILE` and the web page share it.
import { realpath, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { chunkDocument } from "../chunk/chunker.js";
import type { Config } from "../config/schema.js";
import { errorMessage } from "../errors.js";
import type { Extractor } from "../indexers/extractor.js";
import type { IndexPolicy } from "../pipeline/index-policy.js";
import { readRegularFile } from "../pipeline/read-file.js";
import type { Store } from "../store/store.js";

export type DoctorLine = [label: string, text: string];

export interface ExplainParts {
  policy: IndexPolicy;
  store: Store;
  extractor: Extractor;
  config: Pick<Config, "chunking">;
}

/** One file's story, in the order the daemon decides it: where it lies, its rules, its index entry. */
export async function explainFile(parts: ExplainParts, file: string): Promise<DoctorLine[]> {
  const { policy, store, extractor } = parts;
  const out: DoctorLine[] = [];
  let path: string;
  try {
    path = await realpath(resolve(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return [
      [
        "file",
        code === "EACCES" || code === "EPERM"
          ? `${resolve(file)} cannot be reached (${code}): a folder above it cannot be read — fix: its permissions`
          : `${resolve(file)} does not exist`,
      ],
    ];
  }
  const info = await stat(path);
  out.push(["file", `${path} (${info.size} bytes)`]);
  // The daemon's own decision, from the same roots and rules.
  const root = policy.rootOf(path);
  if (!root)
    return [
      ...out,
      ["root", "not under a watched or indexed folder — fix: hearth add <its folder>"],
    ];
  out.push(["root", root.path]);
  const verdict = policy.check(path, info);
  if (!verdict.indexable) {
    if (verdict.code === "FILE_TOO_LARGE")
      out.push(["size", `${verdict.rule}: recorded as failed`]);
    else {
      const label = verdict.code === "FILE_KIND_UNSUPPORTED" ? "kind" : "ignored";
      return [...out, [label, `${verdict.rule} — fix: ${verdict.fix}`]];
    }
  }
  const record = store.getFile(path);
  if (!record)
    out.push(["index", "not indexed yet (hearth index, or a running daemon, will pick it up)"]);
  else if (record.status === "failed")
    out.push(["index", `failed: ${record.error ?? "unknown"} (retried when the file changes)`]);
  else {
    const n = store.chunkCounts(record.id);
    out.push([
      "index",
      `indexed ${new Date(record.indexedAt).toISOString()}: ${n.chunks} chunks, ${n.vectors} with vectors${record.error ? `; left unread: ${record.error}` : ""}`,
    ]);
  }
  // Reading a file over the size limit into memory would be the very cost the limit prevents.
  if (!verdict.indexable && verdict.code === "FILE_TOO_LARGE") return out;
  try {
    const started = performance.now();
    const { bytes, stat: read } = await readRegularFile(path, Number.MAX_SAFE_INTEGER);
    const doc = await extractor.extract({ path, bytes, mtimeMs: read.mtimeMs });
    const chunks = chunkDocument(doc, parts.config.chunking);
    const pages = doc.segments.filter((s) => "page" in s).length;
    out.push([
      "extract now",
      `${doc.kind}${doc.title ? `, "${doc.title}"` : ""}: ${pages ? `${pages} pages, ` : ""}${chunks.length} chunks in ${Math.round(performance.now() - started)} ms`,
    ]);
  } catch (err) {
    out.push(["extract now", `fails: ${errorMessage(err)}`]);
  }
  return out;
}
