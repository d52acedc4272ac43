// `hearth doctor [FILE]`: what happens to one file and why; without a file, the health of the setup.
import { realpath, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { chunkDocument } from "../../chunk/chunker.js";
import { sharedLlama } from "../../embed/llama.js";
import { resolveModel } from "../../embed/resolve-model.js";
import { errorMessage } from "../../errors.js";
import { openHearth, type Hearth } from "../../hearth.js";
import { readRegularFile } from "../../pipeline/read-file.js";
import { configRuntime } from "../../service/config-runtime.js";
import type { CliContext } from "../context.js";

type Line = [label: string, text: string];

async function explainFile(hearth: Hearth, file: string): Promise<Line[]> {
  const out: Line[] = [];
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
  const { policy } = await configRuntime(hearth);
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
  const record = hearth.store.getFile(path);
  if (!record)
    out.push(["index", "not indexed yet (hearth index, or a running daemon, will pick it up)"]);
  else if (record.status === "failed")
    out.push(["index", `failed: ${record.error ?? "unknown"} (retried when the file changes)`]);
  else {
    const n = hearth.store.chunkCounts(record.id);
    out.push([
      "index",
      `indexed ${new Date(record.indexedAt).toISOString()}: ${n.chunks} chunks, ${n.vectors} with vectors`,
    ]);
  }
  try {
    const started = performance.now();
    const { bytes, stat: read } = await readRegularFile(path, Number.MAX_SAFE_INTEGER);
    const doc = await hearth.extractor.extract({ path, bytes, mtimeMs: read.mtimeMs });
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

async function checkSetup(cli: CliContext, hearth: Hearth): Promise<Line[]> {
  const out: Line[] = [["node", `${process.version} on ${process.platform} ${process.arch}`]];
  out.push(["config", hearth.paths.configFile]);
  out.push(["index", `${hearth.paths.indexFile}: integrity ${hearth.store.quickCheck()}`]);
  const model = resolveModel(hearth.config.embedding.model, hearth.paths.modelsDir);
  const embedder = hearth.model.current;
  if (model.kind === "none") out.push(["model", `${model.reason} — fix: ${model.hint}`]);
  else if (embedder)
    out.push(["model", `${embedder.info.name} (${embedder.info.dimensions}d) from ${model.path}`]);
  else out.push(["model", `${model.path}: ${hearth.model.notice ?? "not loaded"}`]);
  if (embedder && hearth.config.embedding.backend === "llama") {
    const gpu = (await sharedLlama(hearth.config.embedding.gpu, cli.log)).gpu;
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
  const active = hearth.store.vectors.activeModel();
  out.push(["vectors", active ? `${active.fingerprint}` : "none yet"]);
  out.push(["chunker", hearth.store.getMeta("chunker") ?? "not set yet"]);
  for (const root of hearth.config.roots) out.push(["root", root]);
  if (hearth.config.roots.length === 0) out.push(["roots", "none watched — fix: hearth add DIR"]);
  return out;
}

export async function runDoctor(
  cli: CliContext,
  file: string | undefined,
  opts: { json?: boolean },
): Promise<void> {
  const { io } = cli;
  let hearth: Hearth;
  try {
    hearth = await openHearth({
      log: cli.log,
      env: cli.env,
      readonly: true,
      loadModel: file === undefined,
    });
  } catch (err) {
    // The index, the config or a model stops Hearth from opening: say which, with its fix.
    io.out(`problem      ${errorMessage(err)}`);
    cli.exitCode = 1;
    return;
  }
  try {
    const lines =
      file === undefined ? await checkSetup(cli, hearth) : await explainFile(hearth, file);
    if (opts.json) io.json(Object.fromEntries(lines.map(([k, v], i) => [`${i}:${k}`, v])), 2);
    else for (const [label, text] of lines) io.out(`${label.padEnd(13)}${text}`);
  } finally {
    await hearth.close();
  }
}
