// An action planned before it is done: the file's bytes before and after, the first changed line,
// what to show the user, and a digest that stands for exactly this change.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { appendToNote, replaceSpan } from "../../actions/note-edits.js";
import { decodeNote, encodeNote, normalizeEols, versionHash } from "../../actions/note-text.js";
import type { ActionTool } from "../../config/schema.js";
import { HearthError } from "../../errors.js";
import type { Caller } from "../caller.js";
import type { ServiceContext } from "../context.js";
import { newFilePath, requireNoteKind, writableFile } from "../write-target.js";
import { ACTION_INPUTS } from "./action-inputs.js";
import { planPreview } from "./action-preview.js";

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
