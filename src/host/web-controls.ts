// What the web page may ask of the daemon itself: the watched folders (kept in the config file, as
// `hearth add` / `hearth remove` keep them) and the embedding model.
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { updateRoots } from "../config/edit-config.js";
import { loadConfig } from "../config/load-config.js";
import type { Daemon } from "../daemon/daemon.js";
import { modelCatalog } from "../embed/model-catalog.js";
import { findPreset } from "../embed/presets.js";
import { resolveSource } from "../embed/pull-model.js";
import { HearthError } from "../errors.js";
import type { Hearth } from "../hearth.js";
import { resolveRoot } from "../pipeline/resolve-root.js";
import type { ModelPulls } from "./model-pulls.js";
import type { WebControls } from "../web/api.js";

/**
 * What the page may download from: a preset, a Hugging Face file, an https:// URL (or a mirror on
 * this machine) — never a local path (the CLI's `models pull PATH` copies one) — to a plain
 * *.gguf name inside the model cache.
 */
function checkedSource(source: string): string {
  const remote = /^(hf:|https:\/\/|http:\/\/(127\.0\.0\.1|localhost)[:/])/i.test(source);
  if (!remote && !findPreset(source))
    throw new HearthError(
      "BAD_ARGUMENT",
      `${JSON.stringify(source)} is not a preset, an hf: file or an https:// URL`,
      "send a preset name (hearth models list), hf:OWNER/REPO/FILE.gguf or an https:// URL; copy a local file with `hearth models pull PATH`",
    );
  const { file } = resolveSource(source);
  if (!/^[\w-][\w.-]*\.gguf$/i.test(file))
    throw new HearthError(
      "BAD_ARGUMENT",
      `${JSON.stringify(file)} is not a model file name`,
      "the source must name a .gguf file",
    );
  return source;
}

/**
 * A folder as the page names it: absolute, or from the home folder with "~/". The daemon's own
 * working folder means nothing to someone typing in a browser, so a relative path is refused.
 */
function pagePath(path: string): string {
  if (path === "~" || path.startsWith("~/")) return join(homedir(), path.slice(1));
  if (isAbsolute(path)) return resolve(path);
  throw new HearthError(
    "BAD_ARGUMENT",
    `${JSON.stringify(path)} is not a full path`,
    "type the folder's full path (/home/me/Notes, C:\\Users\\me\\Notes) or start it with ~/",
  );
}

export function webControls(hearth: Hearth, daemon: Daemon, pulls: ModelPulls): WebControls {
  const { configFile, modelsDir } = hearth.paths;
  const changeRoots = async (change: (roots: string[]) => string[]) => {
    const roots = updateRoots(configFile, change);
    await daemon.reloadRoots();
    return { roots };
  };
  return {
    roots: () => ({ roots: loadConfig(configFile).roots }),
    addRoot: async (path) => {
      const root = await resolveRoot(pagePath(path));
      return changeRoots((current) => [...current, root]);
    },
    removeRoot: (path) => {
      const root = pagePath(path);
      return changeRoots((current) => current.filter((r) => r !== root));
    },
    models: () => modelCatalog(modelsDir, loadConfig(configFile).embedding.model),
    useModel: (path) => daemon.useModel(path),
    pullModel: (source) => pulls.start(checkedSource(source)),
    pullState: () => pulls.current(),
  };
}
