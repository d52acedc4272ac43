// recall: what Hearth knows about a topic — the memory notes agents wrote and the files changed
// lately that speak of it, each newest first and cited; a corrected memory says what corrects it.
import { z } from "zod";
import type { Location } from "../../store/types.js";
import type { Caller } from "../caller.js";
import type { ServiceContext } from "../context.js";
import { type MemoryInfo, memoryInfo } from "../memory-notes.js";

const DAY_MS = 86_400_000;

export const recallInput = z
  .object({
    topic: z.string().min(1, "must not be empty").max(2000).describe("what to recall, in words"),
    days: z
      .number()
      .min(1)
      .max(3650)
      .default(90)
      .describe("how far back recent files count (memory notes count whatever their age)"),
    limit: z.number().int().min(1).max(30).default(10).describe("at most this many of each"),
  })
  .strict();

export interface Recalled {
  path: string;
  title: string;
  snippet: string;
  location: Location;
  modified: string;
}

export interface RecallResult {
  topic: string;
  /** Memory notes about the topic, newest first; superseded ones last, saying what corrects them. */
  notes: (Recalled & { memory: MemoryInfo })[];
  /** Files changed in the last `days` that are about the topic, newest first. */
  files: Recalled[];
}

export async function recall(
  ctx: ServiceContext,
  caller: Caller,
  raw: unknown,
  signal?: AbortSignal,
): Promise<{ result: RecallResult; paths: string[] }> {
  const input = ctx.parse(recallInput, raw, "recall");
  const visible = ctx.visibleRoots(caller);
  const memoryDir = ctx.runtime.memoryDir();
  const others = visible.filter((r) => r !== memoryDir);
  const search = async (within: string[], after?: number) =>
    within.length === 0
      ? []
      : (
          await ctx.searcher.search(
            {
              query: input.topic,
              mode: "hybrid",
              limit: input.limit,
              filters: { within, ...(after !== undefined ? { after } : {}) },
              chunksPerFile: 1,
            },
            signal,
          )
        ).results.map((r) => ({
          path: r.path,
          title: r.title,
          snippet: r.snippet,
          location: r.location,
          modified: r.modified,
        }));
  const [noteHits, fileHits] = await Promise.all([
    search(visible.includes(memoryDir) ? [memoryDir] : []),
    search(others, Date.now() - input.days * DAY_MS),
  ]);
  const info = await memoryInfo(
    memoryDir,
    noteHits.map((n) => n.path),
  );
  const notes = noteHits
    .flatMap((n) => {
      const memory = info.get(n.path);
      return memory ? [{ ...n, memory }] : [];
    })
    .sort(
      (a, b) =>
        Number(a.memory.supersededBy !== undefined) - Number(b.memory.supersededBy !== undefined) ||
        b.memory.created.localeCompare(a.memory.created),
    );
  const files = fileHits.sort((a, b) => b.modified.localeCompare(a.modified));
  return {
    result: { topic: input.topic, notes, files },
    paths: [...notes.map((n) => n.path), ...files.map((f) => f.path)],
  };
}
