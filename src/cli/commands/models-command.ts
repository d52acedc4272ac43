// `hearth models list` and `hearth models pull [NAME|hf:…|URL|PATH]`: presets and downloads into the model cache.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../config/load-config.js";
import { resolveHearthPaths } from "../../config/paths.js";
import { DEFAULT_PRESET, PRESETS } from "../../embed/presets.js";
import { pullModel } from "../../embed/pull-model.js";
import { resolveModel } from "../../embed/resolve-model.js";

function formatBytes(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : `${(n / 1e6).toFixed(1)} MB`;
}

export function runModelsList(opts: { json?: boolean }): void {
  const paths = resolveHearthPaths();
  const active = resolveModel(loadConfig(paths.configFile).embedding.model, paths.modelsDir);
  const rows = PRESETS.map((p) => {
    const file = join(paths.modelsDir, p.file);
    return {
      ...p,
      installed: existsSync(file),
      active: active.kind === "file" && active.path === file,
    };
  });
  if (opts.json) {
    console.log(JSON.stringify({ modelsDir: paths.modelsDir, presets: rows }, null, 2));
    return;
  }
  for (const r of rows) {
    const mark = r.active ? "* " : r.installed ? "+ " : "  ";
    console.log(
      `${mark}${r.name.padEnd(24)}${String(r.sizeMB).padStart(4)} MB  ${(r.kind === "reranker" ? "rank" : `${r.dimensions}d`).padEnd(4)}  ${r.languages.padEnd(15)} ${r.description}`,
    );
  }
  console.log(`\n* active   + installed   (models in ${paths.modelsDir})`);
}

export async function runModelsPull(
  source: string | undefined,
  opts: { sha256?: string },
): Promise<void> {
  const paths = resolveHearthPaths();
  const tty = process.stderr.isTTY === true;
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
      process.stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
    },
  });
  if (tty) process.stderr.write("\r\x1b[2K");
  if (result.alreadyInstalled)
    console.log(`already installed: ${result.path} (verified by ${result.verified})`);
  else
    console.log(
      `installed ${result.path} (${formatBytes(result.bytes)}, verified by ${result.verified}${result.resumedFrom ? `, resumed at ${formatBytes(result.resumedFrom)}` : ""})`,
    );
}
