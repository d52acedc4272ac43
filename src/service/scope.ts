// A caller's scope: the folders, tools, tables and memory it may use. A profile (config.profiles)
// narrows it; a caller without one sees everything. Every operation asks here, so a profile never
// learns that anything outside it exists: not a name, not a count.
import { realpathSync } from "node:fs";
import { homedir } from "node:os";
import { resolve } from "node:path";
import type { Config, ProfileConfig, ToolName } from "../config/schema.js";
import { TOOL_NAMES } from "../config/schema.js";
import { HearthError } from "../errors.js";
import { isInside } from "../pipeline/index-policy.js";

export interface Scope {
  profile: string | null;
  /** Real paths of what is visible: roots, folders inside roots, the memory folder when shown. */
  roots: string[];
  tools: ReadonlySet<ToolName>;
  /** query_table, and search hits' pointers into tables. */
  tables: boolean;
  memory: ProfileConfig["memory"];
}

const ALL_TOOLS: ReadonlySet<ToolName> = new Set(TOOL_NAMES);

function expandHome(path: string): string {
  return path === "~" || path.startsWith("~/") ? homedir() + path.slice(1) : path;
}

function realOrNull(path: string): string | null {
  try {
    return realpathSync(resolve(expandHome(path)));
  } catch {
    return null;
  }
}

export class Scopes {
  /** Profile roots resolved once: a folder that does not exist (yet) shows nothing. */
  private readonly resolved = new Map<string, string[]>();

  constructor(private readonly profiles: Config["profiles"]) {}

  names(): string[] {
    return Object.keys(this.profiles).sort();
  }

  /** The profile's settings, or a refusal that lists the profiles there are. */
  profile(name: string): ProfileConfig {
    const profile = Object.hasOwn(this.profiles, name) ? this.profiles[name] : undefined;
    if (!profile) {
      const names = this.names();
      throw new HearthError(
        "PROFILE_UNKNOWN",
        `there is no profile ${JSON.stringify(name)} in the config`,
        names.length > 0
          ? `use one of: ${names.join(", ")}`
          : 'add it under "profiles" in the config file (see the README)',
      );
    }
    return profile;
  }

  /**
   * What a caller under `profile` sees of `indexed` (the watched roots' real paths, the memory
   * folder among them): each profile folder inside a root, each root inside a profile folder.
   */
  of(profile: string | null, indexed: readonly string[], memoryDir: string): Scope {
    if (profile === null) {
      return { profile, roots: [...indexed], tools: ALL_TOOLS, tables: true, memory: "write" };
    }
    const config = this.profile(profile);
    let mine = this.resolved.get(profile);
    if (!mine) {
      mine = config.roots.map(realOrNull).filter((p): p is string => p !== null);
      this.resolved.set(profile, mine);
    }
    // A profile kept from the memory folder must not see it through a folder that holds it.
    const holder = mine.find((folder) => isInside(memoryDir, folder));
    if (config.memory === "none" && holder !== undefined) {
      throw new HearthError(
        "CONFIG_INVALID",
        `config key "profiles.${profile}.memory" is "none", but the profile's folder ${holder} holds the memory folder ${memoryDir}`,
        `set profiles.${profile}.memory to "read", or move memory.dir out of ${holder}`,
      );
    }
    const roots = new Set<string>();
    for (const root of indexed) {
      if (root === memoryDir) continue;
      for (const folder of mine) {
        if (isInside(folder, root)) roots.add(folder);
        else if (isInside(root, folder)) roots.add(root);
      }
    }
    if (config.memory !== "none" && indexed.includes(memoryDir)) roots.add(memoryDir);
    const tools = new Set(config.tools ?? TOOL_NAMES);
    if (!config.tables) tools.delete("query_table");
    if (config.memory !== "write") {
      tools.delete("remember");
      tools.delete("forget");
    }
    return { profile, roots: [...roots], tools, tables: config.tables, memory: config.memory };
  }
}
