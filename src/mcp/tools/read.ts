// The read tool: numbered lines of an indexed file, continued with a cursor.
import { z } from "zod";
import { readInput } from "../../service/ops/read.js";
import { READ_ONLY, reportProgress, type Tool } from "../tool-kit.js";

const readOutput = z.object({
  path: z.string(),
  startLine: z.number(),
  endLine: z.number(),
  totalLines: z.number(),
  text: z.string().describe("the lines, each prefixed with its number and a tab"),
  nextCursor: z.string().optional(),
  ocr: z
    .object({ confidence: z.number() })
    .optional()
    .describe(
      "the text was recognised by OCR (a scan or photo): the file's mean confidence over its lines, 0–100",
    ),
  hash: z
    .string()
    .describe(
      "sha256 of the file as read: send it with edit_note, which refuses a file changed since",
    ),
});

export const readTool: Tool = {
  name: "read",
  title: "Read part of a file",
  description:
    "Reads lines of an indexed file, numbered. Give a path with startLine/endLine (from search results), or the nextCursor of a previous read. PDF, DOCX, HTML and email are read as their extracted text, with a [page N] line before each PDF page. Long ranges are cut at about 10k tokens with a nextCursor. Only files Hearth indexes can be read: secrets, ignored and hidden files are refused with the rule that applies.",
  input: readInput,
  output: readOutput,
  annotations: READ_ONLY,
  async call({ service, caller, ctx, args }) {
    await reportProgress(ctx, 0, 1, "reading the file");
    const range = await service.read(caller, args, { signal: ctx.mcpReq.signal });
    await reportProgress(ctx, 1, 1, "done");
    return { result: { ...range } };
  },
};
