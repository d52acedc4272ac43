// What the web page may ask of the daemon itself: the watched folders (kept in the config file, as
// `hearth add` / `hearth remove` keep them) and the embedding model.
import { resolve } from "node:path";
import { updateRoots } from "../config/edit-config.js";
import { loadConfig } from "../config/load-config.js";
import type { Daemon } from "../daemon/daemon.js";
import { modelCatalog } from "../embed/model-catalog.js";
import type { Hearth } from "../hearth.js";
import { resolveRoot } from "../pipeline/resolve-root.js";
import type { ModelPulls } from "./model-pulls.js";
import type { WebControls } from "../web/api.js";

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
      const root = await resolveRoot(path);
      return changeRoots((current) => [...current, root]);
    },
    removeRoot: (path) => changeRoots((current) => current.filter((r) => r !== resolve(path))),
    models: () => modelCatalog(modelsDir, loadConfig(configFile).embedding.model),
    useModel: (path) => daemon.useModel(path),
    pullModel: (source) => pulls.start(source),
    pullState: () => pulls.current(),
  };
}
