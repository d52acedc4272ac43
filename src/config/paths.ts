// Where Hearth keeps its files: everything under HEARTH_HOME when set, else the XDG base directories.
import { homedir } from "node:os";
import { join } from "node:path";

export interface HearthPaths {
  configFile: string;
  /** The user's spending categories for statements (table queries); optional. */
  categoriesFile: string;
  dataDir: string;
  indexFile: string;
  modelsDir: string;
}

export function resolveHearthPaths(env: NodeJS.ProcessEnv = process.env): HearthPaths {
  const home = env.HEARTH_HOME;
  if (home) {
    return {
      configFile: join(home, "config.json"),
      categoriesFile: join(home, "categories.txt"),
      dataDir: home,
      indexFile: join(home, "index.sqlite"),
      modelsDir: join(home, "models"),
    };
  }
  const userHome = homedir();
  const configDir = join(env.XDG_CONFIG_HOME || join(userHome, ".config"), "hearth");
  const dataDir = join(env.XDG_DATA_HOME || join(userHome, ".local", "share"), "hearth");
  const cacheDir = join(env.XDG_CACHE_HOME || join(userHome, ".cache"), "hearth");
  return {
    configFile: join(configDir, "config.json"),
    categoriesFile: join(configDir, "categories.txt"),
    dataDir,
    indexFile: join(dataDir, "index.sqlite"),
    modelsDir: join(cacheDir, "models"),
  };
}

/** The daemon's files in the data folder: its lock and pid, sockets, HTTP token and log. */
export function daemonFiles(dataDir: string) {
  return {
    /** Held (an exclusive SQLite lock) by the running daemon; never deleted. */
    lockFile: join(dataDir, "daemon.lock"),
    /** The running daemon's pid, for clients; removed when it stops. */
    pidFile: join(dataDir, "daemon.pid"),
    socketFile: join(dataDir, "daemon.sock"),
    mcpSocketFile: join(dataDir, "mcp.sock"),
    tokenFile: join(dataDir, "mcp-token"),
    /** Per-profile HTTP tokens, one file each (src/mcp/profile-tokens.ts). */
    profileTokensDir: join(dataDir, "mcp-tokens"),
    logFile: join(dataDir, "daemon.log"),
  };
}

/** The folder `remember` writes to: memory.dir, else "memory" in the data folder. */
export function memoryDirOf(configured: string | null, paths: HearthPaths): string {
  return configured ?? join(paths.dataDir, "memory");
}
