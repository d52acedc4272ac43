// Reads a file the way Hearth reads every file it indexes or serves: a regular file only, opened
// without following a final symlink and without blocking on a FIFO, within the size limit.
import { constants, type Stats } from "node:fs";
import { open, readlink, type FileHandle } from "node:fs/promises";
import { HearthError } from "../errors.js";
import { describeNonFile } from "./index-policy.js";

const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export interface FileBytes {
  bytes: Buffer;
  /** The stat of the descriptor that was read: the file actually opened, whatever the path is now. */
  stat: Stats;
  /**
   * Where the kernel says the opened file is now (Linux: /proc/self/fd; " (deleted)" appended when
   * it was unlinked since); null where the system cannot say.
   */
  openedAt: string | null;
}

/** The path of an open descriptor as the kernel knows it, or null where it cannot be asked. */
async function pathOfDescriptor(handle: FileHandle): Promise<string | null> {
  if (process.platform !== "linux") return null;
  return readlink(`/proc/self/fd/${handle.fd}`).catch(() => null);
}

export async function readRegularFile(
  path: string,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<FileBytes> {
  let handle: FileHandle;
  try {
    handle = await open(path, FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR")
      throw new HearthError("PATH_NOT_FOUND", `${path} does not exist`);
    if (code === "ELOOP")
      throw new HearthError(
        "PATH_NOT_FILE",
        `${path} is a symbolic link, which Hearth never follows`,
      );
    if (code === "ENXIO" || code === "EOPNOTSUPP")
      throw new HearthError("PATH_NOT_FILE", `${path} is a socket or device, not a file`);
    throw new HearthError("PATH_NOT_FILE", `cannot read ${path}: ${code ?? String(err)}`);
  }
  try {
    const stat = await handle.stat();
    const openedAt = await pathOfDescriptor(handle);
    if (!stat.isFile())
      throw new HearthError("PATH_NOT_FILE", `${path} is ${describeNonFile(stat)}, not a file`);
    if (stat.size > maxBytes) {
      throw new HearthError(
        "FILE_TOO_LARGE",
        `${path} is ${stat.size} bytes, over the index.maxFileBytes limit of ${maxBytes}`,
      );
    }
    const bytes = await handle.readFile({ signal });
    if (bytes.length > maxBytes) {
      throw new HearthError(
        "FILE_TOO_LARGE",
        `${path} grew to ${bytes.length} bytes while being read, over the index.maxFileBytes limit of ${maxBytes}`,
      );
    }
    return { bytes, stat, openedAt };
  } finally {
    await handle.close();
  }
}
