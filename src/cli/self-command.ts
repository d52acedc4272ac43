// The argv that runs this same `hearth` again: for detaching, service units and MCP client configs.
import { existsSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = join("dist", "src", "cli", "bin.js");

/** The package's root: the folder above this file that holds the built executable. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, BIN)) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/**
 * Absolute and symlink-free: `npx hearth` runs through a link in npm's cache, which a client config
 * or a service unit must not depend on. It always names the built executable (npm install builds
 * it), so a spawned daemon or bridge starts fast and the same way whoever spawned it.
 */
export function selfCommand(...args: string[]): string[] {
  return [process.execPath, realpathSync(join(packageRoot(), BIN)), ...args];
}
