// A caller's scope: the folders, tools, tables and memory it may use. A profile (config.profiles)
// narrows it; a caller without one sees everything. Every operation asks here, so a profile never
// learns that anything outside it exists: not a name, not a count.
import { realpathSync } from "node:fs";
import { homedir } from "node:os";
import { resolve } from "node:path";
import type { Config, ProfileConfig, ToolName } from "../config/schema.js";
import { ACTION_TOOLS, TOOL_NAMES } from "../config/schema.js";
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
  /** Real paths of the folders where it may create, edit and move notes (none: no action tools). */
  writable: string[];
  /** Whether a write may go ahead when the client cannot ask the user to confirm it. */
  unconfirmedWrites: boolean;
}

type WriteSettings = Pick<Config["actions"], "writable" | "unconfirmedWrites">;

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
  /** Configured folders resolved once: a folder that does not exist (yet) shows nothing. */
  private readonly resolved = new Map<string, string | null>();

  constructor(
    private readonly profiles: Config["profiles"],
    private readonly actions: WriteSettings = { writable: [], unconfirmedWrites: false },
  ) {}

  /** The real paths of configured folders (each resolved once), those that exist. */
  private real(folders: readonly string[]): string[] {
    const out: string[] = [];
    for (const folder of folders) {
      if (!this.resolved.has(folder)) this.resolved.set(folder, realOrNull(folder));
      const real = this.resolved.get(folder);
      if (real) out.push(real);
    }
    return out;
  }

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
      const writable = writableWithin(this.real(this.actions.writable), indexed, memoryDir);
      return {
        profile,
        roots: [...indexed],
        tools: writable.length > 0 ? ALL_TOOLS : withoutActions(TOOL_NAMES),
        tables: true,
        memory: "write",
        writable,
        unconfirmedWrites: this.actions.unconfirmedWrites,
      };
    }
    const config = this.profile(profile);
    const mine = this.real(config.roots);
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
    const writable = writableWithin(this.real(config.writable), [...roots], memoryDir);
    const listed = config.tools ?? TOOL_NAMES;
    const tools = writable.length > 0 ? new Set(listed) : withoutActions(listed);
    if (!config.tables) tools.delete("query_table");
    if (config.memory !== "write") {
      tools.delete("remember");
      tools.delete("forget");
    }
    return {
      profile,
      roots: [...roots],
      tools,
      tables: config.tables,
      memory: config.memory,
      writable,
      unconfirmedWrites: config.unconfirmedWrites,
    };
  }
}

/** The tools without those that change the user's files: for a caller with no writable folder. */
function withoutActions(tools: readonly ToolName[]): Set<ToolName> {
  const actions: readonly string[] = ACTION_TOOLS;
  return new Set(tools.filter((tool) => !actions.includes(tool)));
}

/**
 * The writable folders that lie inside what is visible (a folder holding a root narrows to the
 * root), never the memory folder: remember and forget are its only writers.
 */
function writableWithin(
  folders: readonly string[],
  visible: readonly string[],
  memoryDir: string,
): string[] {
  const out = new Set<string>();
  for (const folder of folders) {
    for (const root of visible) {
      if (root === memoryDir || isInside(root, memoryDir)) continue;
      const narrowed = isInside(folder, root) ? folder : isInside(root, folder) ? root : null;
      if (narrowed !== null && !isInside(narrowed, memoryDir)) out.add(narrowed);
    }
  }
  return [...out];
}
