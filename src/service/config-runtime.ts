// The runtime without a daemon: roots and rules from the config, read-only. The CLI answers with it
// when no daemon runs, so its answers see exactly what the daemon's would.
import { realpath } from "node:fs/promises";
import { memoryDirOf } from "../config/paths.js";
import { HearthError } from "../errors.js";
import type { Hearth } from "../hearth.js";
import { IgnoreRules } from "../pipeline/ignore-rules.js";
import { IndexPolicy, type PolicyRoot } from "../pipeline/index-policy.js";
import type { IndexRuntime } from "./runtime.js";

export async function configRuntime(hearth: Hearth): Promise<IndexRuntime> {
  const memory = await realpath(memoryDirOf(hearth.config.memory.dir, hearth.paths)).catch(
    () => null,
  );
  const roots: PolicyRoot[] = [];
  for (const configured of [...hearth.config.roots, ...(memory ? [memory] : [])]) {
    const path = await realpath(configured).catch(() => null);
    if (path && !roots.some((r) => r.path === path))
      roots.push({ path, rules: new IgnoreRules(path, hearth.indexDeps.ignore) });
  }
  const policy = new IndexPolicy(() => roots, hearth.config.index.maxFileBytes);
  return {
    policy,
    memoryDir: () => memory ?? memoryDirOf(hearth.config.memory.dir, hearth.paths),
    activity: () => null,
    pendingCount: () => 0,
    indexNow: () =>
      Promise.reject(
        new HearthError("DAEMON_UNREACHABLE", "writing notes needs the daemon", "`hearth start`"),
      ),
    onIndexChanged: () => () => undefined,
  };
}
