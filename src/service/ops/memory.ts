// remember and forget: notes an agent keeps in Hearth's memory folder, indexed at once; nothing else
// is ever written or deleted.
import { realpath, rm } from "node:fs/promises";
import { resolve } from "node:path";
import { z } from "zod";
import { HearthError } from "../../errors.js";
import { isInside } from "../../pipeline/index-policy.js";
import type { Caller } from "../caller.js";
import type { ServiceContext } from "../context.js";
import { deleteNote, writeNote } from "../memory-notes.js";
import { CONTROL, pathField } from "../schema-parts.js";

export const rememberInput = z
  .object({
    title: z
      .string()
      .min(1)
      .max(200)
      .refine(
        (s) => !CONTROL.test(s),
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
          .refine((s) => !CONTROL.test(s), "must not contain control characters"),
      )
      .max(20)
      .default([]),
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

export async function remember(
  ctx: ServiceContext,
  _caller: Caller,
  raw: unknown,
  hooks: MemoryHooks = {},
): Promise<{ result: { path: string }; paths: string[] }> {
  const input = ctx.parse(rememberInput, raw, "remember");
  hooks.checkpoint?.();
  const path = await writeNote(ctx.runtime.memoryDir(), input);
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
  return { result: { path }, paths: [path] };
}

export async function forget(
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
  const outcome = await deleteNote(memoryDir, real);
  if ("refused" in outcome) throw new HearthError("NOTE_REFUSED", outcome.refused);
  await ctx.runtime.indexNow(real);
  return { result: { deleted: real, existed: outcome.deleted }, paths: [real] };
}
