// What each action tool takes, with its limits: one schema per tool, the MCP face shows the same.
import { z } from "zod";
import type { ActionTool } from "../../config/schema.js";
import { CONTROL_OR_NEWLINE, pathField } from "../schema-parts.js";

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
