// Notes the agent asks Hearth to remember: markdown files in the memory folder, marked as Hearth's
// own, with their provenance in the front matter (id, when, which client and profile, tags, and
// which note a correction supersedes). The front matter is Hearth's own: JSON values, one per line.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { isInside } from "../pipeline/index-policy.js";

/** The front-matter line that marks a file as written by `remember` (and so deletable by `forget`). */
const MARK = "hearth: note";
const HEAD_BYTES = 4096;

export const NOTE_ID = /^m-[0-9a-f]{12}$/;

export interface NoteInput {
  title: string;
  text: string;
  tags: readonly string[];
}

export interface NoteMeta {
  id: string;
  title: string;
  created: string;
  client: string | null;
  profile: string | null;
  tags: string[];
  /** Of the title and text, so remembering the same thing twice finds the first note. */
  digest: string;
  supersedes: string | null;
  supersededBy: string | null;
}

export interface Note extends NoteMeta {
  path: string;
}

function slug(title: string): string {
  const s = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return s.slice(0, 60) || "note";
}

export function noteDigest(note: Pick<NoteInput, "title" | "text">): string {
  const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
  return createHash("sha256")
    .update(`${norm(note.title)}\0${norm(note.text)}`)
    .digest("hex")
    .slice(0, 16);
}

const FIELDS: Record<string, keyof NoteMeta> = {
  id: "id",
  title: "title",
  created: "created",
  client: "client",
  profile: "profile",
  tags: "tags",
  digest: "digest",
  supersedes: "supersedes",
  superseded_by: "supersededBy",
};

function frontMatter(meta: NoteMeta): string[] {
  const lines = ["---", MARK];
  for (const [key, field] of Object.entries(FIELDS)) {
    const value = meta[field];
    if (value !== null) lines.push(`${key}: ${JSON.stringify(value)}`); // JSON values are YAML
  }
  lines.push("---");
  return lines;
}

/** The provenance of a note Hearth wrote; null for any other file. */
export function parseNoteHead(head: string): NoteMeta | null {
  const lines = head.split("\n");
  if (lines[0] !== "---" || !lines.includes(MARK)) return null;
  const meta: Record<string, unknown> = {
    client: null,
    profile: null,
    tags: [],
    digest: "",
    supersedes: null,
    supersededBy: null,
  };
  for (const line of lines.slice(1)) {
    if (line === "---") break;
    const colon = line.indexOf(": ");
    const field = colon > 0 ? FIELDS[line.slice(0, colon)] : undefined;
    if (!field) continue;
    try {
      meta[field] = JSON.parse(line.slice(colon + 2));
    } catch {
      meta[field] = line.slice(colon + 2);
    }
  }
  // Notes from before provenance have no id: their file name stands in.
  if (typeof meta.title !== "string" || typeof meta.created !== "string") return null;
  if (typeof meta.id !== "string") meta.id = "";
  return meta as unknown as NoteMeta;
}

async function readHead(path: string): Promise<string | null> {
  try {
    return (await readFile(path, "utf8")).slice(0, HEAD_BYTES);
  } catch {
    return null;
  }
}

export async function readNote(path: string): Promise<Note | null> {
  const head = await readHead(path);
  const meta = head === null ? null : parseNoteHead(head);
  // A note from before provenance has no id: its file name stands in.
  return meta ? { ...meta, id: meta.id || basename(path, ".md"), path } : null;
}

/** Every note Hearth wrote in the memory folder. */
export async function listNotes(memoryDir: string): Promise<Note[]> {
  let names: string[];
  try {
    names = await readdir(memoryDir);
  } catch {
    return [];
  }
  const notes = await Promise.all(
    names.filter((n) => n.endsWith(".md")).map((n) => readNote(join(memoryDir, n))),
  );
  return notes.filter((n): n is Note => n !== null);
}

export interface Provenance {
  client: string | null;
  profile: string | null;
  supersedes: string | null;
}

export async function writeNote(
  memoryDir: string,
  note: NoteInput,
  provenance: Provenance,
  now = new Date(),
): Promise<Note> {
  await mkdir(memoryDir, { recursive: true, mode: 0o700 });
  const meta: NoteMeta = {
    id: `m-${randomBytes(6).toString("hex")}`,
    title: note.title,
    created: now.toISOString(),
    client: provenance.client,
    profile: provenance.profile,
    tags: [...note.tags],
    digest: noteDigest(note),
    supersedes: provenance.supersedes,
    supersededBy: null,
  };
  const body = `${frontMatter(meta).join("\n")}\n# ${note.title}\n\n${note.text.trim()}\n`;
  const day = meta.created.slice(0, 10);
  for (let n = 1; ; n++) {
    const path = join(memoryDir, `${day}-${slug(note.title)}${n > 1 ? `-${n}` : ""}.md`);
    try {
      await writeFile(path, body, { flag: "wx", mode: 0o600 });
      return { ...meta, path };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
}

/** A memory note's provenance as search and recall show it. */
export interface MemoryInfo {
  id: string;
  created: string;
  client: string | null;
  tags: string[];
  supersededBy?: { id: string; path: string | null };
}

/**
 * Provenance for the memory notes among `paths`; a superseded note names the note that corrects it
 * (found once, only when there is one).
 */
export async function memoryInfo(
  dir: string,
  paths: readonly string[],
): Promise<Map<string, MemoryInfo>> {
  const out = new Map<string, MemoryInfo>();
  let all: Note[] | null = null;
  for (const path of new Set(paths)) {
    if (!isInside(path, dir)) continue;
    const note = await readNote(path);
    if (!note) continue;
    const info: MemoryInfo = {
      id: note.id,
      created: note.created,
      client: note.client,
      tags: note.tags,
    };
    if (note.supersededBy) {
      all ??= await listNotes(dir);
      const by = all.find((n) => n.id === note.supersededBy);
      info.supersededBy = { id: note.supersededBy, path: by?.path ?? null };
    }
    out.set(path, info);
  }
  return out;
}

/** Records in a note's front matter that a newer note corrects it; the note itself is kept. */
export function markSuperseded(note: Note, by: string): Promise<void> {
  return relink(note, { supersededBy: by });
}

/**
 * Rewrites which notes a note corrects and is corrected by (null: none), as when a note between
 * two others in a chain of corrections is forgotten.
 */
export async function relink(
  note: Note,
  links: { supersedes?: string | null; supersededBy?: string | null },
): Promise<void> {
  // Read again now, not from the listing: a note forgotten meanwhile is not brought back.
  const text = await readFile(note.path, "utf8").catch(() => null);
  const now = text === null ? null : parseNoteHead(text.slice(0, HEAD_BYTES));
  const end = text === null ? -1 : text.indexOf("\n---\n", 4);
  if (text === null || now === null || end < 0) return;
  const head = frontMatter({ ...now, id: note.id, ...links }).join("\n");
  const temp = `${note.path}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temp, head + text.slice(end + 4), { mode: 0o600 });
  await rename(temp, note.path);
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

/** A note's own text: what follows its front matter and title line. */
export async function noteText(path: string): Promise<string> {
  const whole = await readFile(path, "utf8");
  const end = whole.indexOf("\n---\n", 4);
  const body = end < 0 ? whole : whole.slice(end + 5);
  return body.replace(/^# [^\n]*\n\n?/, "").trimEnd();
}
