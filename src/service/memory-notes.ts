// Notes the agent asks Hearth to remember: markdown files in the memory folder, marked as Hearth's own.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { isInside } from "../pipeline/index-policy.js";

/** The front-matter line that marks a file as written by `remember` (and so deletable by `forget`). */
const MARK = "hearth: note";

export interface NoteInput {
  title: string;
  text: string;
  tags: readonly string[];
}

function slug(title: string): string {
  const s = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return s.slice(0, 60) || "note";
}

function yamlString(s: string): string {
  return JSON.stringify(s); // JSON strings are valid YAML scalars
}

export async function writeNote(
  memoryDir: string,
  note: NoteInput,
  now = new Date(),
): Promise<string> {
  await mkdir(memoryDir, { recursive: true, mode: 0o700 });
  const day = now.toISOString().slice(0, 10);
  const front = [
    "---",
    MARK,
    `title: ${yamlString(note.title)}`,
    `created: ${now.toISOString()}`,
    `tags: [${note.tags.map(yamlString).join(", ")}]`,
    "---",
  ];
  const body = `${front.join("\n")}\n# ${note.title}\n\n${note.text.trim()}\n`;
  for (let n = 1; ; n++) {
    const path = join(memoryDir, `${day}-${slug(note.title)}${n > 1 ? `-${n}` : ""}.md`);
    try {
      await writeFile(path, body, { flag: "wx", mode: 0o600 });
      return path;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
}

/** What forget did: deleted the note, found it already gone, or refused (with why). */
export type DeleteOutcome = { deleted: boolean } | { refused: string };

/**
 * Deletes a note only if it is in the memory folder and Hearth wrote it; says why not otherwise.
 * Idempotent: a note already gone (another forget got there first) is not an error.
 */
export async function deleteNote(memoryDir: string, realPath: string): Promise<DeleteOutcome> {
  if (!isInside(realPath, memoryDir) || realPath === memoryDir) {
    return {
      refused: `${realPath} is not in the memory folder ${memoryDir}; forget only deletes notes made with remember`,
    };
  }
  let head: string;
  try {
    head = (await readFile(realPath, "utf8")).slice(0, 500);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { deleted: false };
    throw err;
  }
  if (!head.startsWith("---") || !head.split("\n").includes(MARK)) {
    return { refused: `${realPath} was not written by remember, so forget leaves it alone` };
  }
  // Claimed by an atomic rename: of several concurrent forgets, exactly one deletes the note.
  const claimed = `${realPath}.${randomBytes(6).toString("hex")}.forgotten`;
  try {
    await rename(realPath, claimed);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { deleted: false };
    throw err;
  }
  await rm(claimed, { force: true });
  return { deleted: true };
}
