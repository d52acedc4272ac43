// remember and forget: notes in Hearth's memory folder — the only files an agent can write or delete.
import { z } from "zod";
import { HearthError } from "../../errors.js";
import { forgetInput, rememberInput } from "../../service/ops/memory.js";
import { fileUri } from "../file-uri.js";
import { reportProgress, type Tool } from "../tool-kit.js";

export const rememberTool: Tool = {
  name: "remember",
  title: "Remember a note",
  description:
    "Saves a note as a markdown file in Hearth's memory folder and indexes it at once; cannot write anywhere else. The same note twice returns the first (existing: true). To correct a fact, send `corrects` (the old note's id, or words that find it): the old note is kept, marked superseded, and ranked below the new one.",
  input: rememberInput,
  output: z.object({
    path: z.string(),
    uri: z.string(),
    id: z.string(),
    existing: z.boolean(),
    supersedes: z.object({ id: z.string(), path: z.string() }).optional(),
  }),
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: false,
  },
  async call({ service, caller, ctx, args }) {
    const signal = ctx.mcpReq.signal;
    const remembered = await service.remember(caller, args, {
      // A cancelled request leaves no note: refused before the write, undone after it.
      checkpoint: () => {
        if (signal.aborted) throw new HearthError("CANCELLED", "the request was cancelled");
      },
      progress: (done, total, message) => reportProgress(ctx, done, total, message),
    });
    await reportProgress(ctx, 2, 2, "note indexed");
    return { result: { ...remembered, uri: fileUri(remembered.path) } };
  },
};

export const forgetTool: Tool = {
  name: "forget",
  title: "Forget a note",
  description:
    "Deletes a note that `remember` wrote (and removes it from the index). Refuses any other file. Forgetting a note that is already gone succeeds (existed: false).",
  input: forgetInput,
  output: z.object({ deleted: z.string(), existed: z.boolean() }),
  annotations: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: false,
  },
  async call({ service, caller, args }) {
    return { result: await service.forget(caller, args) };
  },
};
