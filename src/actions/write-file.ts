// Writes that leave either the old file or the new one, never half of either, and never through a
// link: the bytes go to a temporary file made exclusively in the same folder and fsynced; it is
// then renamed over the checked path (or linked, where the name must not exist yet), and the
// folder is fsynced so the rename survives a crash.
import { randomBytes } from "node:crypto";
import {
  type FileHandle,
  chmod,
  link,
  lstat,
  mkdir,
  open,
  readFile,
  rename,
  rm,
} from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { HearthError } from "../errors.js";

const code = (err: unknown) => (err as NodeJS.ErrnoException).code;

const exists = (path: string) =>
  new HearthError("FILE_EXISTS", `${path} already exists`, "choose another name");

/** Filesystems without hard links answer these; there a checked rename stands in. */
const NO_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"]);

/** Whether anything, a dangling link included, is at `path` (a file where a folder is: nothing). */
export async function occupied(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (err) {
    if (code(err) === "ENOENT" || code(err) === "ENOTDIR") return false;
    throw err;
  }
}

async function syncFolder(dir: string): Promise<void> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // Some systems cannot open a folder to sync it; the rename is then as durable as they make it.
  } finally {
    await handle?.close();
  }
}

/** The bytes in a new temporary file beside `path` ("wx": never an existing file or link). */
async function writeTemp(path: string, bytes: Uint8Array, mode?: number): Promise<string> {
  const temp = join(dirname(path), `.${basename(path)}.hearth-${randomBytes(6).toString("hex")}`);
  const handle = await open(temp, "wx");
  try {
    await handle.writeFile(bytes);
    if (mode !== undefined) await handle.chmod(mode);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  return temp;
}

/** Replaces a regular file's bytes atomically, keeping its permissions; a link is refused. */
export async function replaceFile(path: string, bytes: Uint8Array): Promise<void> {
  const before = await lstat(path);
  if (!before.isFile())
    throw new HearthError("PATH_NOT_FILE", `${path} is no longer a regular file`, "read it again");
  const temp = await writeTemp(path, bytes, before.mode & 0o7777);
  try {
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await syncFolder(dirname(path));
}

/** Creates a file atomically (folders made as needed); anything already at `path` is refused. */
export async function createFile(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = await writeTemp(path, bytes);
  try {
    await link(temp, path);
  } catch (err) {
    if (code(err) === "EEXIST") throw exists(path);
    if (!NO_LINKS.has(code(err) ?? "")) throw err;
    if (await occupied(path)) throw exists(path);
    await rename(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
  await syncFolder(dirname(path));
}

/** Moves a file; anything already at the destination is refused, never replaced. */
export async function moveFile(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  try {
    await link(from, to);
    await rm(from);
  } catch (err) {
    if (code(err) === "EEXIST") throw exists(to);
    if (code(err) === "EXDEV") return moveAcross(from, to);
    if (!NO_LINKS.has(code(err) ?? "")) throw err;
    if (await occupied(to)) throw exists(to);
    await rename(from, to);
  }
  await syncFolder(dirname(to));
  await syncFolder(dirname(from));
}

/** A rename cannot cross filesystems: the copy is made whole first, then the original removed. */
async function moveAcross(from: string, to: string): Promise<void> {
  const info = await lstat(from);
  await createFile(to, await readFile(from));
  await chmod(to, info.mode & 0o7777);
  await rm(from);
  await syncFolder(dirname(from));
}
