// `hearth models use NAME|PATH [--no-wait]`: switches the embedding model. With a daemon, it re-embeds
// in the background while searches go on; without one, here, with progress. Either way the swap is atomic.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { setEmbeddingModel } from "../../config/edit-config.js";
import { resolveHearthPaths } from "../../config/paths.js";
import type { Embedder } from "../../embed/embedder.js";
import { PRESETS } from "../../embed/presets.js";
import { HearthError } from "../../errors.js";
import { openHearth } from "../../hearth.js";
import { beginModelSwitch, reembedForSwitch } from "../../pipeline/reembed-for-switch.js";
import type { StatusResult } from "../../service/ops/status.js";
import { findDaemon } from "../daemon-client.js";
import { holdIndex } from "../hold-index.js";
import type { CliContext } from "../context.js";
import { createProgress } from "../progress.js";

const POLL_MS = 500;

/** A preset's file in the model cache, or a GGUF path; either must already be there. */
export function modelFileFor(name: string, modelsDir: string): string {
  const preset = PRESETS.find((p) => p.name === name);
  if (preset?.kind === "reranker") {
    throw new HearthError(
      "BAD_ARGUMENT",
      `${name} is a reranker, not an embedding model`,
      `pull it, then set search.rerank.model in the config (or leave it at the default)`,
    );
  }
  const path = preset ? join(modelsDir, preset.file) : resolve(name);
  if (existsSync(path)) return path;
  throw new HearthError(
    "MODEL_MISSING",
    preset ? `${name} is not installed (no ${path})` : `no model file at ${path}`,
    preset
      ? `run \`hearth models pull ${name}\` first`
      : `give a preset name (${PRESETS.filter((p) => p.kind === "embedding")
          .map((p) => p.name)
          .join(", ")}) or the path of a GGUF file`,
  );
}

export async function runModelsUse(
  cli: CliContext,
  name: string,
  opts: { wait?: boolean },
): Promise<void> {
  const paths = resolveHearthPaths(cli.env);
  const modelPath = modelFileFor(name, paths.modelsDir);
  const daemon = findDaemon(paths);
  if (daemon) return switchInDaemon(cli, daemon, modelPath, opts.wait !== false);
  const writer = holdIndex(paths, "run it again: the daemon switches models in the background");
  try {
    await switchHere(cli, modelPath);
  } finally {
    writer.release();
  }
}

async function switchHere(cli: CliContext, modelPath: string): Promise<void> {
  const { io, log } = cli;
  const paths = resolveHearthPaths(cli.env);
  const hearth = await openHearth({ log, env: cli.env, loadModel: false });
  const progress = createProgress(io.stderr);
  let embedder: Embedder | null = null;
  try {
    embedder = await beginModelSwitch(hearth.store, hearth.config.embedding, modelPath, log);
    if (!embedder) {
      io.out(`${modelPath} is already the model of this index`);
    } else {
      const embedded = await reembedForSwitch(hearth.store, embedder, {
        onProgress: (p) => progress.update({ phase: "vectors", ...p }),
      });
      progress.done();
      io.out(
        `now using ${embedder.info.name}: ${embedded} chunks through the model, the rest from its cache`,
      );
    }
    setEmbeddingModel(paths.configFile, modelPath);
  } finally {
    progress.done();
    await embedder?.close();
    await hearth.close();
  }
}

async function switchInDaemon(
  cli: CliContext,
  daemon: NonNullable<ReturnType<typeof findDaemon>>,
  modelPath: string,
  wait: boolean,
): Promise<void> {
  const { io } = cli;
  const started = await daemon.call<{ outcome: string; status: StatusResult }>(
    "use-model",
    { modelPath },
    120_000,
  );
  if (started.outcome === "already active") {
    io.out(`${modelPath} is already the model of this index`);
    return;
  }
  if (!wait) {
    io.out("the daemon is re-embedding in the background; searches go on with the current model");
    io.out("`hearth status` shows the progress");
    return;
  }
  const progress = createProgress(io.stderr);
  let status = started.status.daemon;
  while (status?.modelSwitch) {
    progress.update({
      phase: "vectors",
      done: status.modelSwitch.done,
      total: status.modelSwitch.total,
    });
    await new Promise((r) => setTimeout(r, POLL_MS));
    status = (await daemon.call<StatusResult>("status", undefined, 5000)).daemon;
  }
  progress.done();
  const last = status?.lastModelSwitch;
  if (last?.modelPath === modelPath && !last.switched) {
    throw new HearthError(
      "MODEL_LOAD_FAILED",
      last.error ?? "the model switch failed",
      "fix the cause, then run `hearth models use` again: it resumes where it stopped",
    );
  }
  io.out(`now using ${status?.model ?? modelPath}`);
}
