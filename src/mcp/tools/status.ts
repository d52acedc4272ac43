// The status tool: what Hearth is doing, what is indexed and what failed.
import { z } from "zod";
import { statusInput } from "../../service/ops/status.js";
import { READ_ONLY, type Tool } from "../tool-kit.js";

export const statusTool: Tool = {
  name: "status",
  title: "Indexing status",
  description:
    "What Hearth is doing: files indexed, pending and failed, the model, and recent errors.",
  input: statusInput,
  output: z.object({
    activity: z.string(),
    files: z.number(),
    failed: z.number(),
    chunks: z.number(),
    vectors: z.number(),
    pending: z.number(),
    etaSeconds: z.number().nullable(),
    model: z.string().nullable(),
    diskFull: z
      .string()
      .optional()
      .describe("set while the index cannot grow: what is waiting, and what to do"),
    recentErrors: z.array(z.object({ path: z.string(), error: z.string(), at: z.string() })),
  }),
  annotations: READ_ONLY,
  async call({ service, caller, args }) {
    const s = await service.status(caller, args);
    const d = s.daemon;
    return {
      result: {
        activity: d?.activity ?? "idle",
        files: s.files,
        failed: s.failed,
        chunks: s.chunks,
        vectors: s.vectors,
        pending: d ? d.queue.pending + d.queue.active.length : 0,
        etaSeconds: d?.queue.etaSeconds ?? null,
        model: d?.model ?? null,
        ...(d?.writeBlocked
          ? { diskFull: `${d.writeBlocked.message} (${d.writeBlocked.waiting} files waiting)` }
          : {}),
        recentErrors: d?.recentErrors.slice(0, 20) ?? [],
      },
    };
  },
};
