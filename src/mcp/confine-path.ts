// Every path an agent sends is resolved (symlinks too) and must lie inside a watched root.
import { realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";

export class PathRefused extends Error {
  override name = "PathRefused";
}

export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(".." + sep) && rel !== ".." && !isAbsolute(rel));
}

/** The real path of `path` if it is inside one of `roots` (real paths); a PathRefused otherwise. */
export async function confinePath(path: string, roots: readonly string[]): Promise<string> {
  if (typeof path !== "string" || path.length === 0 || path.includes("\0")) {
    throw new PathRefused("send an absolute path of an indexed file (as search results give it)");
  }
  const absolute = resolve(roots.length === 1 && !isAbsolute(path) ? roots[0]! : "/", path);
  let real: string;
  try {
    real = await realpath(absolute);
  } catch {
    throw new PathRefused(
      `${path} does not exist; send a path from search, recent or list_sources results`,
    );
  }
  if (!roots.some((root) => isInside(real, root))) {
    throw new PathRefused(
      `${path} is outside the folders Hearth indexes; only paths under ${roots.join(", ")} can be read`,
    );
  }
  return real;
}
