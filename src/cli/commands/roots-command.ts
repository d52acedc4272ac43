// `hearth add DIR...`, `hearth remove DIR...`, `hearth roots`: the watched folders, kept in the config file.
import { resolve } from "node:path";
import { resolveHearthPaths } from "../../config/paths.js";
import { updateRoots } from "../../config/edit-config.js";
import { loadConfig } from "../../config/load-config.js";
import { resolveRoot } from "../../pipeline/resolve-root.js";
import { notifyDaemonOfRoots } from "../daemon-client.js";
import type { CliContext } from "../context.js";

export async function runAdd(cli: CliContext, dirs: string[]): Promise<void> {
  const paths = resolveHearthPaths(cli.env);
  const resolved: string[] = [];
  for (const dir of dirs) resolved.push(await resolveRoot(dir));
  const roots = updateRoots(paths.configFile, (current) => [...current, ...resolved]);
  cli.io.out(`watching ${roots.length} folder(s):\n  ${roots.join("\n  ")}`);
  await notifyDaemonOfRoots(paths);
}

export async function runRemove(cli: CliContext, dirs: string[]): Promise<void> {
  const paths = resolveHearthPaths(cli.env);
  const gone = new Set(dirs.map((d) => resolve(d)));
  const roots = updateRoots(paths.configFile, (current) =>
    current.filter((r) => !gone.has(resolve(r))),
  );
  cli.io.out(roots.length ? `watching:\n  ${roots.join("\n  ")}` : "no folders are watched");
  await notifyDaemonOfRoots(paths);
}

export function runRoots(cli: CliContext, opts: { json?: boolean }): void {
  const roots = loadConfig(resolveHearthPaths(cli.env).configFile).roots;
  if (opts.json) cli.io.json({ roots });
  else cli.io.out(roots.length ? roots.join("\n") : "no folders are watched (hearth add DIR)");
}
