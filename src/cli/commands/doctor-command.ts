// `hearth doctor [FILE]`: what happens to one file and why; without a file, the health of the setup.
import { sharedLlama } from "../../embed/llama.js";
import { resolveModel } from "../../embed/resolve-model.js";
import { errorMessage } from "../../errors.js";
import { openHearth, type Hearth } from "../../hearth.js";
import { configRuntime } from "../../service/config-runtime.js";
import { explainFile } from "../../service/explain-file.js";
import type { CliContext } from "../context.js";

type Line = [label: string, text: string];

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
      file === undefined
        ? await checkSetup(cli, hearth)
        : await explainFile({ ...hearth, policy: (await configRuntime(hearth)).policy }, file);
    if (opts.json) io.json(Object.fromEntries(lines.map(([k, v], i) => [`${i}:${k}`, v])), 2);
    else for (const [label, text] of lines) io.out(`${label.padEnd(13)}${text}`);
  } finally {
    await hearth.close();
  }
}
