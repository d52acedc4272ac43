// `hearth models list` and `hearth models pull [NAME|hf:…|URL|PATH]`: presets and downloads into the model cache.
import { loadConfig } from "../../config/load-config.js";
import { resolveHearthPaths } from "../../config/paths.js";
import { modelCatalog } from "../../embed/model-catalog.js";
import { DEFAULT_PRESET } from "../../embed/presets.js";
import { pullModel } from "../../embed/pull-model.js";
import type { CliContext } from "../context.js";

function formatBytes(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : `${(n / 1e6).toFixed(1)} MB`;
}

export function runModelsList(cli: CliContext, opts: { json?: boolean }): void {
  const { io } = cli;
  const paths = resolveHearthPaths(cli.env);
  const { presets: rows, installed } = modelCatalog(
    paths.modelsDir,
    loadConfig(paths.configFile).embedding.model,
  );
  if (opts.json) {
    io.json({ modelsDir: paths.modelsDir, presets: rows, installed }, 2);
    return;
  }
  for (const r of rows) {
    const mark = r.active ? "* " : r.installed ? "+ " : "  ";
    io.out(
      `${mark}${r.name.padEnd(24)}${String(r.sizeMB).padStart(4)} MB  ${(r.kind === "reranker" ? "rank" : `${r.dimensions}d`).padEnd(4)}  ${r.languages.padEnd(15)} ${r.description}`,
    );
  }
  for (const m of installed)
    io.out(
      `${m.active ? "* " : "+ "}${m.file.padEnd(24)}${formatBytes(m.bytes).padStart(9)}  (not a preset)`,
    );
  io.out(`\n* active   + installed   (models in ${paths.modelsDir})`);
}

export async function runModelsPull(
  cli: CliContext,
  source: string | undefined,
  opts: { sha256?: string },
): Promise<void> {
  const { io } = cli;
  const paths = resolveHearthPaths(cli.env);
  const tty = io.stderr.isTTY === true;
  const started = Date.now();
  let lastDraw = 0;
  const result = await pullModel(source ?? DEFAULT_PRESET.name, {
    modelsDir: paths.modelsDir,
    ...(opts.sha256 ? { sha256: opts.sha256 } : {}),
    onProgress: ({ received, total }) => {
      const now = Date.now();
      if (now - lastDraw < (tty ? 100 : 2000) && received !== total) return;
      lastDraw = now;
      const speed = received / Math.max((now - started) / 1000, 0.001);
      const eta = total ? ` ETA ${Math.ceil((total - received) / Math.max(speed, 1))}s` : "";
      const line = `${formatBytes(received)}${total ? ` / ${formatBytes(total)}` : ""}  ${formatBytes(speed)}/s${eta}`;
      io.stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
    },
  });
  if (tty) io.stderr.write("\r\x1b[2K");
  if (result.alreadyInstalled)
    io.out(`already installed: ${result.path} (verified by ${result.verified})`);
  else
    io.out(
      `installed ${result.path} (${formatBytes(result.bytes)}, verified by ${result.verified}${result.resumedFrom ? `, resumed at ${formatBytes(result.resumedFrom)}` : ""})`,
    );
}
