// A folder the user names as a root: it must exist and be a folder; its real path is what is kept.
import { realpath, stat } from "node:fs/promises";
import { HearthError } from "../errors.js";

export async function resolveRoot(path: string): Promise<string> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new HearthError("ROOT_NOT_FOUND", `${path} does not exist`, "pass an existing folder");
  }
  if (!info.isDirectory()) {
    throw new HearthError(
      "ROOT_NOT_DIRECTORY",
      `${path} is not a folder`,
      "pass the folder that holds the file",
    );
  }
  return realpath(path);
}
