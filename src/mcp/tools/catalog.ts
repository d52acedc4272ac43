// list_sources and recent: the indexed folders, and what changed lately.
import { z } from "zod";
import { recentInput, sourcesInput } from "../../service/ops/catalog.js";
import { READ_ONLY, type Tool } from "../tool-kit.js";

const fileEntry = z.object({
  path: z.string(),
  kind: z.string(),
  title: z.string(),
  modified: z.string(),
  size: z.number(),
});

export const listSourcesTool: Tool = {
  name: "list_sources",
  title: "List indexed folders",
  description:
    "The folders Hearth indexes, with file counts per kind, failures, and when each was last indexed.",
  input: sourcesInput,
  output: z.object({
    sources: z.array(
      z.object({
        path: z.string(),
        files: z.number(),
        failed: z.number(),
        kinds: z.record(z.string(), z.number()),
        lastIndexed: z.string().nullable(),
      }),
    ),
  }),
  annotations: READ_ONLY,
  async call({ service, caller, args }) {
    return { result: await service.sources(caller, args) };
  },
};

export const recentTool: Tool = {
  name: "recent",
  title: "Recently changed files",
  description: "Files changed within the last `days` days, newest first, paginated with a cursor.",
  input: recentInput,
  output: z.object({
    files: z.array(fileEntry),
    total: z.number(),
    nextCursor: z.string().optional(),
  }),
  annotations: READ_ONLY,
  async call({ service, caller, args }) {
    return { result: await service.recent(caller, args) };
  },
};
