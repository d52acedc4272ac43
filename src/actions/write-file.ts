// Writes that leave either the old file or the new one, never half of either: a temporary file in
// the same folder, fsynced, then renamed (or linked, where the name must not exist yet).
import { link, mkdir, readFile, rename, rm, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import writeFileAtomic from "write-file-atomic";
import { HearthError } from "../errors.js";

const exists = (path: string) =>
  new HearthError("FILE_EXISTS", `${path} already exists`, "choose another name");

/** Filesystems without hard links answer these; there a checked rename stands in. */
const NO_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "EXDEV", "ENOSYS"]);

const code = (err: unknown) => (err as NodeJS.ErrnoException).code;

async function missing(path: string): Promise<boolean> {
  return stat(path).then(
    () => false,
    (err: unknown) => code(err) === "ENOENT",
  );
}

/** Replaces a file's bytes atomically, keeping its mode and owner. */
export async function replaceFile(path: string, bytes: Uint8Array): Promise<void> {
  await writeFileAtomic(path, Buffer.from(bytes), { fsync: true });
}

/** Creates a file atomically; an existing file (or link) at `path` is refused, never replaced. */
export async function createFile(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.hearth-${randomBytes(6).toString("hex")}`);
  await writeFileAtomic(temp, Buffer.from(bytes), { fsync: true, mode: 0o644 });
  try {
    await link(temp, path);
  } catch (err) {
    if (code(err) === "EEXIST") throw exists(path);
    if (!NO_LINKS.has(code(err) ?? "")) throw err;
    if (!(await missing(path))) throw exists(path);
    await rename(temp, path);
    return;
  } finally {
    await rm(temp, { force: true });
  }
}

/** Moves a file; an existing destination is refused, never replaced. */
export async function moveFile(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  try {
    await link(from, to);
  } catch (err) {
    if (code(err) === "EEXIST") throw exists(to);
    if (!NO_LINKS.has(code(err) ?? "")) throw err;
    if (!(await missing(to))) throw exists(to);
    try {
      await rename(from, to);
    } catch (renameErr) {
      if (code(renameErr) !== "EXDEV") throw renameErr;
      // Another filesystem: copied whole, then the original removed.
      await createFile(to, await readFile(from));
      await unlink(from);
    }
    return;
  }
  await unlink(from);
}
