// `hearth doctor [FILE]`: what happens to one file and why; without a file, the health of the setup.
import { realpath, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { chunkDocument } from "../../chunk/chunker.js";
import { resolveModel } from "../../embed/resolve-model.js";
import { sharedLlama } from "../../embed/llama-embedder.js";
import { errorMessage } from "../../errors.js";
import { openHearth, type Hearth } from "../../hearth.js";
import { indexerFor } from "../../indexers/registry.js";
import type { Logger } from "../../log.js";
import { isInside } from "../../mcp/confine-path.js";
import { IgnoreRules } from "../../pipeline/ignore-rules.js";

type Line = [label: string, text: string];

async function explainFile(hearth: Hearth, file: string): Promise<Line[]> {
  const out: Line[] = [];
  let path: string;
  try {
    path = await realpath(resolve(file));
  } catch {
    return [["file", `${resolve(file)} does not exist`]];
  }
  const info = await stat(path);
  out.push(["file", `${path} (${info.size} bytes)`]);
  const roots = [
    ...new Set([...hearth.config.roots, ...hearth.store.listRoots().map((r) => r.path)]),
  ];
  const root = roots.find((r) => isInside(path, r));
  if (!root)
    return [
      ...out,
      ["root", "not under a watched or indexed folder — fix: hearth add <its folder>"],
    ];
  out.push(["root", root]);
  const why = new IgnoreRules(root, hearth.indexDeps.ignore).whyIgnored(path, false);
  if (why) return [...out, ["ignored", why]];
  const indexer = indexerFor(path);
  if (!indexer) return [...out, ["kind", "no indexer for this extension: not indexed"]];
  if (info.size > hearth.config.index.maxFileBytes) {
    out.push([
      "size",
      `over index.maxFileBytes (${hearth.config.index.maxFileBytes}): recorded as failed`,
    ]);
  }
  const record = hearth.store.getFile(path);
  if (!record)
    out.push(["index", "not indexed yet (hearth index, or a running daemon, will pick it up)"]);
  else if (record.status === "failed")
    out.push(["index", `failed: ${record.error ?? "unknown"} (retried when the file changes)`]);
  else {
    const n = hearth.store.db
      .prepare(
        "SELECT count(*) AS chunks, sum(has_vector) AS vectors FROM chunks WHERE file_id = ?",
      )
      .get(record.id) as { chunks: number; vectors: number | null };
    out.push([
      "index",
      `indexed ${new Date(record.indexedAt).toISOString()}: ${n.chunks} chunks, ${n.vectors ?? 0} with vectors`,
    ]);
  }
  try {
    const started = performance.now();
    const doc = await hearth.indexDeps.extractor.extract(path);
    const chunks = chunkDocument(doc, hearth.config.chunking);
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

async function checkSetup(hearth: Hearth, log: Logger): Promise<Line[]> {
  const out: Line[] = [["node", `${process.version} on ${process.platform} ${process.arch}`]];
  out.push(["config", hearth.paths.configFile]);
  out.push([
    "index",
    `${hearth.paths.indexFile}: integrity ${String(hearth.store.db.pragma("quick_check", { simple: true }))}`,
  ]);
  const model = resolveModel(hearth.config.embedding.model, hearth.paths.modelsDir);
  if (model.kind === "none") out.push(["model", `${model.reason} — fix: ${model.hint}`]);
  else if (hearth.embedder)
    out.push([
      "model",
      `${hearth.embedder.info.name} (${hearth.embedder.info.dimensions}d) from ${model.path}`,
    ]);
  else out.push(["model", `${model.path}: ${hearth.modelNotice ?? "not loaded"}`]);
  if (hearth.embedder && hearth.config.embedding.backend === "llama") {
    const gpu = (await sharedLlama(hearth.config.embedding.gpu, log)).gpu;
    out.push([
      "backend",
      `llama.cpp on ${gpu === false ? "the CPU" : gpu} (embedding.gpu: ${String(hearth.config.embedding.gpu)})`,
    ]);
  } else if (hearth.config.embedding.backend === "ollama") {
    out.push(["backend", `Ollama at ${hearth.config.embedding.ollama.url}`]);
  }
  out.push([
    "reranker",
    hearth.reranker
      ? `${hearth.reranker.name} on ${hearth.reranker.gpu === false ? "the CPU" : hearth.reranker.gpu}`
      : (hearth.rerankNotice ?? "not loaded"),
  ]);
  const active = hearth.store.activeModel();
  out.push(["vectors", active ? `${active.fingerprint}` : "none yet"]);
  out.push(["chunker", hearth.store.getMeta("chunker") ?? "not set yet"]);
  for (const root of hearth.config.roots) out.push(["root", root]);
  if (hearth.config.roots.length === 0) out.push(["roots", "none watched — fix: hearth add DIR"]);
  return out;
}

export async function runDoctor(
  file: string | undefined,
  opts: { json?: boolean },
  log: Logger,
): Promise<void> {
  let hearth: Hearth;
  try {
    hearth = await openHearth({ log, readonly: true, loadModel: file === undefined });
  } catch (err) {
    // The index, the config or a model stops Hearth from opening: say which, with its fix.
    console.log(`problem      ${errorMessage(err)}`);
    process.exitCode = 1;
    return;
  }
  try {
    const lines =
      file === undefined ? await checkSetup(hearth, log) : await explainFile(hearth, file);
    if (opts.json)
      console.log(
        JSON.stringify(Object.fromEntries(lines.map(([k, v], i) => [`${i}:${k}`, v])), null, 2),
      );
    else for (const [label, text] of lines) console.log(`${label.padEnd(13)}${text}`);
  } finally {
    await hearth.close();
  }
}
