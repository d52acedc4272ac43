// `hearth add DIR...`, `hearth remove DIR...`, `hearth roots`: the watched folders, kept in the config file.
import { resolve } from "node:path";
import { resolveHearthPaths } from "../../config/paths.js";
import { updateRoots } from "../../config/edit-config.js";
import { loadConfig } from "../../config/load-config.js";
import { resolveRoot } from "../../pipeline/index-root.js";
import { notifyDaemonOfRoots } from "../daemon-client.js";

export async function runAdd(dirs: string[]): Promise<void> {
  const paths = resolveHearthPaths();
  const resolved: string[] = [];
  for (const dir of dirs) resolved.push(await resolveRoot(dir));
  const roots = updateRoots(paths.configFile, (current) => [...current, ...resolved]);
  console.log(`watching ${roots.length} folder(s):\n  ${roots.join("\n  ")}`);
  await notifyDaemonOfRoots(paths);
}

export async function runRemove(dirs: string[]): Promise<void> {
  const paths = resolveHearthPaths();
  const gone = new Set(dirs.map((d) => resolve(d)));
  const roots = updateRoots(paths.configFile, (current) =>
    current.filter((r) => !gone.has(resolve(r))),
  );
  console.log(roots.length ? `watching:\n  ${roots.join("\n  ")}` : "no folders are watched");
  await notifyDaemonOfRoots(paths);
}

export function runRoots(opts: { json?: boolean }): void {
  const roots = loadConfig(resolveHearthPaths().configFile).roots;
  if (opts.json) console.log(JSON.stringify({ roots }));
  else console.log(roots.length ? roots.join("\n") : "no folders are watched (hearth add DIR)");
}
