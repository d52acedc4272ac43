// The recall tool: what Hearth knows about a topic, from memory notes and recently changed files.
import { z } from "zod";
import { recallInput } from "../../service/ops/recall.js";
import { fileUri } from "../file-uri.js";
import { READ_ONLY, type Tool } from "../tool-kit.js";
import { location, memorySchema } from "./search.js";

const recalled = {
  path: z.string(),
  uri: z.string(),
  title: z.string(),
  snippet: z.string(),
  location,
  modified: z.string(),
};

export const recallTool: Tool = {
  name: "recall",
  title: "Recall what is known about a topic",
  description:
    "What Hearth knows about a topic: the memory notes agents saved (newest first; a corrected one is last and names the note that supersedes it) and the user's files changed in the last `days` that speak of it (newest first). Each is cited by path and lines or page; `read` a path for more.",
  input: recallInput,
  output: z.object({
    topic: z.string(),
    notes: z.array(z.object({ ...recalled, memory: memorySchema })),
    files: z.array(z.object(recalled)),
  }),
  annotations: READ_ONLY,
  async call({ service, caller, ctx, args }) {
    const r = await service.recall(caller, args, { signal: ctx.mcpReq.signal });
    const withUri = <T extends { path: string }>(x: T) => ({ ...x, uri: fileUri(x.path) });
    return {
      result: { topic: r.topic, notes: r.notes.map(withUri), files: r.files.map(withUri) },
    };
  },
};
