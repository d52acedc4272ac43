// The argv that runs this same `hearth` again: for detaching, service units and MCP client configs.
import { realpathSync } from "node:fs";

/**
 * Absolute and symlink-free: `npx hearth` runs through a link in npm's cache, which a client config
 * or a service unit must not depend on.
 */
export function selfCommand(...args: string[]): string[] {
  return [process.execPath, ...process.execArgv, realpathSync(process.argv[1]!), ...args];
}
