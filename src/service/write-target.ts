// Where an agent's write may land: inside one of the caller's writable folders, after every link is
// resolved — a path that leaves them (by "..", by a link, or by being elsewhere) gets one answer.
import { lstat, realpath } from "node:fs/promises";
import { dirname, extname, isAbsolute, join, relative, resolve } from "node:path";
import { occupied } from "../actions/write-file.js";
import { HearthError } from "../errors.js";
import { isInside } from "../pipeline/index-policy.js";
import type { Caller } from "./caller.js";
import type { ServiceContext } from "./context.js";

/** The kinds of file the note tools write: their text is what the user reads. */
const NOTE_KINDS = [".md", ".markdown", ".txt"];

function writableFolders(ctx: ServiceContext, caller: Caller): string[] {
  const folders = ctx.scope(caller).writable;
  if (folders.length > 0) return folders;
  throw new HearthError(
    "PATH_NOT_WRITABLE",
    caller.profile === null
      ? "no folder is writable: agents may not change files yet"
      : `profile ${caller.profile} has no writable folder`,
    caller.profile === null
      ? 'list the folders agents may write in under "actions.writable" in the config'
      : `list them under "profiles.${caller.profile}.writable" in the config`,
  );
}

function notWritable(caller: Caller, path: string, folders: readonly string[]): HearthError {
  return new HearthError(
    "PATH_NOT_WRITABLE",
    `${path} is not in a folder ${caller.profile === null ? "agents" : `profile ${caller.profile}`} may write to`,
    `write inside ${folders.join(", ")}`,
  );
}

/** Inside a writable folder (not the folder itself), and never in the memory folder. */
function inside(ctx: ServiceContext, path: string, folders: readonly string[]): boolean {
  if (isInside(path, ctx.runtime.memoryDir())) return false;
  return folders.some((f) => isInside(path, f) && path !== f);
}

function lexical(
  ctx: ServiceContext,
  caller: Caller,
  path: string,
  folders: readonly string[],
): string {
  if (!isAbsolute(path) && folders.length !== 1) {
    throw new HearthError(
      "BAD_ARGUMENT",
      `${path} is relative, and there are ${folders.length} writable folders`,
      `send an absolute path inside ${folders.join(", ")}`,
    );
  }
  const absolute = resolve(folders.length === 1 ? folders[0]! : "/", path);
  if (!inside(ctx, absolute, folders)) throw notWritable(caller, path, folders);
  return absolute;
}

/**
 * Where `absolute` really is, judged by its deepest folder that exists (links resolved), or null
 * when that folder cannot be resolved (a dangling link) or is not a folder.
 */
async function realLocation(absolute: string): Promise<string | null> {
  let existing = dirname(absolute);
  while (!(await occupied(existing))) existing = dirname(existing);
  const real = await realpath(existing).catch(() => null);
  if (real === null || !(await lstat(real)).isDirectory()) return null;
  return join(real, relative(existing, absolute));
}

/**
 * Where `path` would be, links in its folders resolved, refused unless that lies in a writable
 * folder. Decided before anything about the file itself: outside, whether it exists is not the
 * caller's to learn.
 */
async function locate(ctx: ServiceContext, caller: Caller, path: string) {
  const folders = writableFolders(ctx, caller);
  const absolute = lexical(ctx, caller, path, folders);
  const location = await realLocation(absolute);
  if (location === null || !inside(ctx, location, folders))
    throw notWritable(caller, path, folders);
  return { folders, absolute, location };
}

/** The real path of an existing file the caller may change. */
export async function writableFile(
  ctx: ServiceContext,
  caller: Caller,
  path: string,
): Promise<string> {
  const { folders, absolute } = await locate(ctx, caller, path);
  const real = await realpath(absolute).catch(() => null);
  if (real === null) {
    // A dangling link says nothing of where it points: only an empty name is "not found".
    if (await occupied(absolute)) throw notWritable(caller, path, folders);
    throw new HearthError("PATH_NOT_FOUND", `${path} does not exist`, "send the path of a file");
  }
  if (!inside(ctx, real, folders)) throw notWritable(caller, path, folders);
  const info = await lstat(real);
  ctx.refuseUnless(ctx.runtime.policy.check(real, info));
  return real;
}

/**
 * The path a new file may be created at: its deepest existing folder lies, links resolved, in a
 * writable folder, and nothing is there yet (not even a dangling link). Folders below that are
 * made when the file is written.
 */
export async function newFilePath(
  ctx: ServiceContext,
  caller: Caller,
  path: string,
): Promise<string> {
  const { location: real } = await locate(ctx, caller, path);
  if (await occupied(real)) {
    throw new HearthError(
      "FILE_EXISTS",
      `${path} already exists`,
      "choose another name, or edit_note / append_to_note to change it",
    );
  }
  ctx.refuseUnless(ctx.runtime.policy.check(real));
  return real;
}

/** Refuses a file the note tools do not write (they keep to text notes). */
export function requireNoteKind(path: string): void {
  if (NOTE_KINDS.includes(extname(path).toLowerCase())) return;
  throw new HearthError(
    "NOTE_KIND_UNSUPPORTED",
    `${path} is not a note: the note tools write ${NOTE_KINDS.join(", ")} files`,
    "send the path of a markdown or text note (move_file moves any indexed file)",
  );
}
