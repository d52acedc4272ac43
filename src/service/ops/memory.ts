// remember and forget: notes an agent keeps in Hearth's memory folder, indexed at once; nothing else
// is ever written or deleted.
import { realpath, rm } from "node:fs/promises";
import { resolve } from "node:path";
import { z } from "zod";
import { HearthError } from "../../errors.js";
import { isInside } from "../../pipeline/index-policy.js";
import type { Caller } from "../caller.js";
import type { ServiceContext } from "../context.js";
import {
  deleteNote,
  listNotes,
  markSuperseded,
  relink,
  NOTE_ID,
  type Note,
  noteDigest,
  noteText,
  readNote,
  writeNote,
} from "../memory-notes.js";
import { CONTROL_OR_NEWLINE, pathField } from "../schema-parts.js";

export const rememberInput = z
  .object({
    title: z
      .string()
      .min(1)
      .max(200)
      .refine(
        (s) => !CONTROL_OR_NEWLINE.test(s),
        "must not contain control characters (newlines, NUL, escapes)",
      ),
    text: z
      .string()
      .min(1)
      .max(100_000)
      .refine((s) => !s.includes("\0"), "must not contain a NUL character"),
    tags: z
      .array(
        z
          .string()
          .min(1)
          .max(50)
          .refine(
            (s) => !CONTROL_OR_NEWLINE.test(s),
            "must not contain control characters or newlines",
          ),
      )
      .max(20)
      .default([]),
    corrects: z
      .string()
      .min(1)
      .max(1000)
      .optional()
      .describe(
        "the memory this one corrects: its id (m-…), or words that find it; the old note is kept, marked superseded",
      ),
  })
  .strict();

export const forgetInput = z
  .object({ path: pathField.describe("the path `remember` returned") })
  .strict();

export interface MemoryHooks {
  /** Called between steps that can be cancelled; throws once the request is cancelled. */
  checkpoint?: () => void;
  progress?: (done: number, total: number, message: string) => Promise<void>;
}

export interface RememberResult {
  path: string;
  id: string;
  /** True when the same note was already remembered: it is returned, no second one is written. */
  existing: boolean;
  /** The note this one corrects, now marked superseded by it. */
  supersedes?: { id: string; path: string };
}

/** The current note `corrects` names: by id, or the best match of those words among the notes. */
async function correctedNote(
  ctx: ServiceContext,
  notes: readonly Note[],
  corrects: string,
): Promise<Note> {
  const current = notes.filter((n) => n.supersededBy === null);
  // An id of a note corrected since: the correction applies to the note that is current now.
  let byId = NOTE_ID.test(corrects) ? notes.find((n) => n.id === corrects) : undefined;
  for (let hops = 0; byId?.supersededBy && hops < notes.length; hops++)
    byId = notes.find((n) => n.id === byId!.supersededBy) ?? byId;
  if (byId && byId.supersededBy === null) return byId;
  if (!NOTE_ID.test(corrects)) {
    const found = await ctx.searcher.search({
      query: corrects,
      mode: "hybrid",
      limit: 5,
      filters: { within: [ctx.runtime.memoryDir()] },
      chunksPerFile: 1,
    });
    for (const hit of found.results) {
      const note = current.find((n) => n.path === hit.path);
      if (note) return note;
    }
  }
  throw new HearthError(
    "NOTE_NOT_FOUND",
    `no memory note matches ${JSON.stringify(corrects)}`,
    "send the id (m-…) of the note to correct, from recall or search results, or leave `corrects` out",
  );
}

export async function remember(
  ctx: ServiceContext,
  caller: Caller,
  raw: unknown,
  hooks: MemoryHooks = {},
): Promise<{ result: RememberResult; paths: string[] }> {
  const input = ctx.parse(rememberInput, raw, "remember");
  // One write to the memory folder at a time: the same note remembered twice at once is written
  // once, and two corrections of one note do not both take it.
  return ctx.writes.run(ctx.runtime.memoryDir(), () => rememberNow(ctx, caller, input, hooks));
}

async function rememberNow(
  ctx: ServiceContext,
  caller: Caller,
  input: z.output<typeof rememberInput>,
  hooks: MemoryHooks,
): Promise<{ result: RememberResult; paths: string[] }> {
  const memoryDir = ctx.runtime.memoryDir();
  const notes = await listNotes(memoryDir);
  const digest = noteDigest(input);
  const same = notes.find((n) => n.digest === digest && n.supersededBy === null);
  if (same) return { result: { path: same.path, id: same.id, existing: true }, paths: [same.path] };
  const old = input.corrects ? await correctedNote(ctx, notes, input.corrects) : null;
  hooks.checkpoint?.();
  const note = await writeNote(memoryDir, input, {
    client: caller.client,
    profile: caller.profile,
    supersedes: old?.id ?? null,
  });
  const path = note.path;
  try {
    await hooks.progress?.(1, 2, "note written; indexing it");
    await ctx.runtime.indexNow(path);
    // Cancelled while it was being written: undone, so a cancelled call leaves nothing behind.
    hooks.checkpoint?.();
  } catch (err) {
    await rm(path, { force: true });
    await ctx.runtime.indexNow(path).catch(() => undefined);
    throw err;
  }
  if (old) {
    await markSuperseded(old, note.id);
    await ctx.runtime.indexNow(old.path);
  }
  const result: RememberResult = { path, id: note.id, existing: false };
  if (old) result.supersedes = { id: old.id, path: old.path };
  return { result, paths: old ? [path, old.path] : [path] };
}

export function forget(
  ctx: ServiceContext,
  caller: Caller,
  raw: unknown,
): Promise<{ result: { deleted: string; existed: boolean }; paths: string[] }> {
  // One change to the memory folder at a time, as remember makes them.
  return ctx.writes.run(ctx.runtime.memoryDir(), () => forgetNow(ctx, caller, raw));
}

async function forgetNow(
  ctx: ServiceContext,
  _caller: Caller,
  raw: unknown,
): Promise<{ result: { deleted: string; existed: boolean }; paths: string[] }> {
  const input = ctx.parse(forgetInput, raw, "forget");
  const memoryDir = ctx.runtime.memoryDir();
  const refuse = () =>
    new HearthError(
      "NOTE_REFUSED",
      `${input.path} is not a note in the memory folder`,
      "forget only deletes notes made with remember; send the path remember returned",
    );
  const lexical = resolve(memoryDir, input.path);
  if (!isInside(lexical, memoryDir) || lexical === memoryDir) throw refuse();
  let real: string;
  try {
    real = await realpath(lexical);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    // Already gone (forgotten before, or by a concurrent call): forget is idempotent.
    return { result: { deleted: lexical, existed: false }, paths: [lexical] };
  }
  const forgotten = await readNote(real);
  const outcome = await deleteNote(memoryDir, real);
  if ("refused" in outcome) throw new HearthError("NOTE_REFUSED", outcome.refused);
  await ctx.runtime.indexNow(real);
  // A correction forgotten: the note it corrected stands again, or, when a later note corrected
  // the forgotten one in turn, is corrected by that one.
  const notes = forgotten && outcome.deleted ? await listNotes(memoryDir) : [];
  const corrected = notes.find(
    (n) => n.id === forgotten?.supersedes && n.supersededBy === forgotten.id,
  );
  const successor = notes.find(
    (n) => n.id === forgotten?.supersededBy && n.supersedes === forgotten.id,
  );
  if (corrected) await relink(corrected, { supersededBy: successor?.id ?? null });
  if (successor) await relink(successor, { supersedes: corrected?.id ?? null });
  const relinked = [corrected, successor].flatMap((n) => (n ? [n.path] : []));
  for (const path of relinked) await ctx.runtime.indexNow(path);
  return { result: { deleted: real, existed: outcome.deleted }, paths: [real, ...relinked] };
}

export const notesInput = z
  .object({ superseded: z.boolean().default(false).describe("also the notes corrected since") })
  .strict();

export interface MemoryNote extends Note {
  text: string;
}

/** The notes agents wrote, newest first, with their text (the user's own view: the web page). */
export async function memoryNotes(
  ctx: ServiceContext,
  _caller: Caller,
  raw: unknown,
): Promise<{ result: { notes: MemoryNote[] }; paths: string[] }> {
  const input = ctx.parse(notesInput, raw, "memory notes");
  const all = await listNotes(ctx.runtime.memoryDir());
  const shown = all
    .filter((n) => input.superseded || n.supersededBy === null)
    .sort((a, b) => b.created.localeCompare(a.created));
  const notes = await Promise.all(shown.map(async (n) => ({ ...n, text: await noteText(n.path) })));
  return { result: { notes }, paths: notes.map((n) => n.path) };
}
