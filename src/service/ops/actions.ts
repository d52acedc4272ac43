// The actions agents take on the user's own files — append_to_note, create_note, edit_note,
// move_file: each planned first (what will change, shown to the user to confirm), then applied
// only if the plan still holds, atomically, journaled with the previous version for `hearth undo`,
// and indexed at once.
import { createHash } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import { z } from "zod";
import { appendToNote, replaceSpan } from "../../actions/note-edits.js";
import { decodeNote, encodeNote, normalizeEols, versionHash } from "../../actions/note-text.js";
import { createFile, moveFile, replaceFile } from "../../actions/write-file.js";
import type { ActionTool } from "../../config/schema.js";
import { HearthError } from "../../errors.js";
import type { Caller } from "../caller.js";
import type { ServiceContext } from "../context.js";
import { CONTROL_OR_NEWLINE, pathField } from "../schema-parts.js";
import { newFilePath, requireNoteKind, writableFile } from "../write-target.js";
import { planPreview } from "./action-preview.js";

const noteText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes("\0"), "must not contain a NUL character");

const hashField = z
  .string()
  .regex(/^[0-9a-f]{64}$/, "must be the 64-hex-digit `hash` that `read` returned");

export const ACTION_INPUTS = {
  append_to_note: z
    .object({
      path: pathField.describe("the note (markdown or text) in a writable folder"),
      text: noteText(100_000).min(1).describe("the line(s) or section to add"),
      heading: z
        .string()
        .min(1)
        .max(200)
        .refine((s) => !CONTROL_OR_NEWLINE.test(s), "must be one line")
        .optional()
        .describe(
          'add at the end of the section under this heading ("## To do" or "To do"); a heading the note lacks is added at its end',
        ),
    })
    .strict(),
  create_note: z
    .object({
      path: pathField.describe(
        "where the new note goes (.md, .markdown or .txt) in a writable folder",
      ),
      text: noteText(1_000_000).describe("the note's text"),
    })
    .strict(),
  edit_note: z
    .object({
      path: pathField.describe("the note to change"),
      hash: hashField.describe("the `hash` read returned: the version you read"),
      old_text: noteText(100_000)
        .min(1)
        .describe(
          "text that occurs exactly once in the note, as read shows it (without line numbers)",
        ),
      new_text: noteText(100_000).describe("what replaces it (empty to delete it)"),
    })
    .strict(),
  move_file: z
    .object({
      from: pathField.describe("the file to move (any indexed file in a writable folder)"),
      to: pathField.describe("its new path, in a writable folder; nothing may be there yet"),
    })
    .strict(),
} satisfies Record<ActionTool, z.ZodType>;

/** What an action will do, before it is done: shown to the user, and bound to their answer. */
export interface ActionPlan {
  tool: ActionTool;
  path: string;
  /** move_file: the destination. */
  toPath: string | null;
  /** sha256 of the bytes before; null when the file is new. */
  beforeHash: string | null;
  before: Buffer | null;
  /** The new bytes; null for a move (the bytes stay as they are). */
  after: Buffer | null;
  afterHash: string;
  /** The first line that changes, for the citation. */
  line: number | null;
  /** One line: what will happen. */
  summary: string;
  /** The change itself, line by line, for the user to look at. */
  preview: string;
  /** Stands for exactly this change: a confirmation given for it holds for nothing else. */
  digest: string;
}

type Draft = Omit<ActionPlan, "digest" | "preview" | "afterHash">;

function finish(draft: Draft): ActionPlan {
  const afterHash = draft.after ? versionHash(draft.after) : draft.beforeHash!;
  const digest = createHash("sha256")
    .update(JSON.stringify([draft.tool, draft.path, draft.toPath, draft.beforeHash, afterHash]))
    .digest("hex");
  return { ...draft, afterHash, digest, preview: planPreview(draft) };
}

function refuseTooLarge(ctx: ServiceContext, path: string, bytes: Buffer): void {
  const limit = ctx.runtime.policy.maxFileBytes;
  if (bytes.length <= limit) return;
  throw new HearthError(
    "FILE_TOO_LARGE",
    `${path} would be ${bytes.length} bytes, over the index.maxFileBytes limit of ${limit}`,
    "write less, or raise index.maxFileBytes in the config",
  );
}

async function planEdit(
  ctx: ServiceContext,
  caller: Caller,
  tool: "append_to_note" | "edit_note",
  input: { path: string; hash?: string },
  edit: (text: string) => { text: string; line: number },
  summary: (path: string) => string,
): Promise<ActionPlan> {
  const path = await writableFile(ctx, caller, input.path);
  requireNoteKind(path);
  const before = await readFile(path);
  const beforeHash = versionHash(before);
  if (input.hash !== undefined && input.hash !== beforeHash) {
    throw new HearthError(
      "CHANGED_SINCE_READ",
      `${path} changed since you read it`,
      "read it again, then send the new `hash` with your edit",
    );
  }
  const note = decodeNote(before, path);
  const edited = edit(note.text);
  const after = encodeNote({ ...note, text: edited.text });
  refuseTooLarge(ctx, path, after);
  return finish({
    tool,
    path,
    toPath: null,
    beforeHash,
    before,
    after,
    line: edited.line,
    summary: summary(path),
  });
}

/** What the action would do now, or why it cannot be done. */
export async function planAction(
  ctx: ServiceContext,
  caller: Caller,
  tool: ActionTool,
  raw: unknown,
): Promise<ActionPlan> {
  switch (tool) {
    case "append_to_note": {
      const input = ctx.parse(ACTION_INPUTS.append_to_note, raw, tool);
      const text = normalizeEols(input.text);
      return planEdit(
        ctx,
        caller,
        tool,
        input,
        (note) => appendToNote(note, text, input.heading),
        (path) =>
          `append ${text.split("\n").length} line(s) to ${path}${input.heading ? ` under "${input.heading}"` : ""}`,
      );
    }
    case "edit_note": {
      const input = ctx.parse(ACTION_INPUTS.edit_note, raw, tool);
      return planEdit(
        ctx,
        caller,
        tool,
        input,
        (note) => replaceSpan(note, normalizeEols(input.old_text), normalizeEols(input.new_text)),
        (path) => `replace text in ${path}`,
      );
    }
    case "create_note": {
      const input = ctx.parse(ACTION_INPUTS.create_note, raw, tool);
      const path = await newFilePath(ctx, caller, input.path);
      requireNoteKind(path);
      const after = Buffer.from(normalizeEols(input.text), "utf8");
      refuseTooLarge(ctx, path, after);
      return finish({
        tool,
        path,
        toPath: null,
        beforeHash: null,
        before: null,
        after,
        line: 1,
        summary: `create ${path}`,
      });
    }
    case "move_file": {
      const input = ctx.parse(ACTION_INPUTS.move_file, raw, tool);
      const from = await writableFile(ctx, caller, input.from);
      const to = await newFilePath(ctx, caller, input.to);
      const before = await readFile(from);
      return finish({
        tool,
        path: from,
        toPath: to,
        beforeHash: versionHash(before),
        before: null,
        after: null,
        line: null,
        summary: `move ${from} to ${to}`,
      });
    }
  }
}

/** How the user answered, or why they were not asked. */
export type Consent =
  | { kind: "confirmed"; digest: string }
  | { kind: "unconfirmed" }
  | { kind: "declined" }
  | { kind: "cancelled" };

export interface ActionDone {
  /** The action's number in `hearth actions` (for `hearth undo --id`). */
  id: number;
  tool: ActionTool;
  path: string;
  toPath?: string;
  /** sha256 before (null: a new file) and after: the `hash` for a following edit_note. */
  beforeHash: string | null;
  hash: string;
  line: number | null;
  summary: string;
}

/** The confirmed plan no longer holds: the file changed while the user looked. Ask again. */
export interface ActionStale {
  stale: ActionPlan;
}

function refuseWithout(ctx: ServiceContext, caller: Caller, consent: Consent): void {
  if (consent.kind === "declined")
    throw new HearthError("WRITE_DECLINED", "the user declined the change; nothing was written");
  if (consent.kind === "cancelled")
    throw new HearthError(
      "WRITE_CANCELLED",
      "the user dismissed the confirmation; nothing was written",
    );
  if (consent.kind === "unconfirmed" && !ctx.scope(caller).unconfirmedWrites) {
    throw new HearthError(
      "CONFIRMATION_UNAVAILABLE",
      "this client cannot ask the user to confirm a change (it does not support MCP elicitation), so nothing was written",
      caller.profile === null
        ? 'use a client that supports elicitation, or set "actions.unconfirmedWrites": true in the config to let writes go ahead unasked'
        : `use a client that supports elicitation, or set "profiles.${caller.profile}.unconfirmedWrites": true in the config`,
    );
  }
}

async function write(plan: ActionPlan): Promise<void> {
  if (plan.tool === "move_file") return moveFile(plan.path, plan.toPath!);
  if (plan.tool === "create_note") return createFile(plan.path, plan.after!);
  return replaceFile(plan.path, plan.after!);
}

/** The action undone on disk when it could not be journaled: nothing happens unrecorded. */
async function unwrite(plan: ActionPlan): Promise<void> {
  if (plan.tool === "move_file") return moveFile(plan.toPath!, plan.path);
  if (plan.tool === "create_note") return rm(plan.path, { force: true });
  return replaceFile(plan.path, plan.before!);
}

export async function act(
  ctx: ServiceContext,
  caller: Caller,
  tool: ActionTool,
  raw: unknown,
  consent: Consent,
): Promise<{
  result: ActionDone | ActionStale;
  paths: string[];
  detail?: Record<string, unknown>;
}> {
  refuseWithout(ctx, caller, consent);
  // One action at a time: a second agent's plan is made against the first one's result.
  return ctx.writes.run("actions", async () => {
    const plan = await planAction(ctx, caller, tool, raw);
    if (consent.kind === "confirmed" && consent.digest !== plan.digest)
      return { result: { stale: plan }, paths: [], detail: { stale: true } };
    await write(plan);
    let id: number;
    try {
      id = ctx.store.actions.add(
        {
          at: Date.now(),
          client: caller.client,
          profile: caller.profile,
          tool,
          path: plan.path,
          toPath: plan.toPath,
          beforeHash: plan.beforeHash,
          afterHash: plan.afterHash,
          beforeBytes: plan.before,
        },
        ctx.config.actions.keepVersions,
      );
    } catch (err) {
      await unwrite(plan);
      throw err;
    }
    const paths = plan.toPath ? [plan.path, plan.toPath] : [plan.path];
    for (const path of paths) await ctx.runtime.indexNow(path);
    const done: ActionDone = {
      id,
      tool,
      path: plan.path,
      beforeHash: plan.beforeHash,
      hash: plan.afterHash,
      line: plan.line,
      summary: plan.summary,
    };
    if (plan.toPath) done.toPath = plan.toPath;
    return {
      result: done,
      paths,
      detail: { action: id, before: plan.beforeHash, after: plan.afterHash },
    };
  });
}
