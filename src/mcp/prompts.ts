// MCP prompts: commands a client shows ("what do I know about…", "this week", "spending this
// month"). Each runs the same service call as its tool, under the caller's scope, and hands the
// model the answer with its citations, asking it to cite them.
import type { ToolName } from "../config/schema.js";
import type { Caller } from "../service/caller.js";
import type { HearthService } from "../service/service.js";

interface PromptArgument {
  name: string;
  description: string;
  required: boolean;
}

export interface Prompt {
  name: string;
  title: string;
  description: string;
  arguments: PromptArgument[];
  /** The tool whose data it shows: a profile without that tool does not get the prompt. */
  needs: ToolName;
  text(service: HearthService, caller: Caller, args: Record<string, string>): Promise<string>;
}

function located(location: Record<string, unknown>): string {
  if ("page" in location) return `page ${String(location.page)}`;
  if ("sheet" in location)
    return `${String(location.sheet)} rows ${String(location.startRow)}–${String(location.endRow)}`;
  return `lines ${String(location.startLine)}–${String(location.endLine)}`;
}

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

const whatDoIKnow: Prompt = {
  name: "what-do-i-know",
  title: "What do I know about…",
  description: "What your notes, memory and recent files say about a topic, cited",
  arguments: [{ name: "topic", description: "what to recall", required: true }],
  needs: "recall",
  async text(service, caller, args) {
    const topic = args.topic ?? "";
    const r = await service.recall(caller, { topic });
    const lines = [
      `What do I know about ${JSON.stringify(topic)}? Answer from the sources below only, citing each fact by its path and ${"lines (or page)"}. Prefer newer sources; a memory marked superseded was corrected by a later one. If nothing here answers it, say so.`,
      "",
      "Memory notes (newest first):",
      ...(r.notes.length === 0 ? ["(none)"] : []),
      ...r.notes.map(
        (n) =>
          `- ${n.path} (${located(n.location)}; saved ${n.memory.created}${n.memory.supersededBy ? `; superseded by ${n.memory.supersededBy.id}` : ""}): ${oneLine(n.snippet)}`,
      ),
      "",
      "Files changed recently (newest first):",
      ...(r.files.length === 0 ? ["(none)"] : []),
      ...r.files.map(
        (f) =>
          `- ${f.path} (${located(f.location)}; modified ${f.modified}): ${oneLine(f.snippet)}`,
      ),
    ];
    return lines.join("\n");
  },
};

const thisWeek: Prompt = {
  name: "this-week",
  title: "This week",
  description: "What changed in your files in the last 7 days, to summarize, cited",
  arguments: [],
  needs: "recent",
  async text(service, caller) {
    const r = await service.recent(caller, { days: 7, limit: 100 });
    return [
      `Summarize what changed in my files this week (${r.total} files), grouped by folder; cite each file by its path, and use \`read\` for what you need to know of one.`,
      "",
      ...(r.files.length === 0 ? ["(no file changed in the last 7 days)"] : []),
      ...r.files.map((f) => `- ${f.path} (${f.kind}, modified ${f.modified}): ${f.title}`),
      ...(r.total > r.files.length ? [`(and ${r.total - r.files.length} more)`] : []),
    ].join("\n");
  },
};

const spendingThisMonth: Prompt = {
  name: "spending-this-month",
  title: "Spending this month",
  description: "Money out this month by category, exact, from your statements, cited",
  arguments: [],
  needs: "query_table",
  async text(service, caller) {
    const today = new Date().toISOString().slice(0, 10);
    const request = {
      from: `${today.slice(0, 7)}-01`,
      to: today,
      flow: "out",
      group_by: "category",
      aggregates: ["sum", "count"],
    };
    const answer = (await service.queryTable(caller, request)) as {
      groups?: {
        key: string | number | null;
        currency?: string | null;
        count: number;
        sum?: unknown;
        sources: { path: string; rows: number[] }[];
      }[];
    };
    const groups = answer.groups ?? [];
    return [
      `Here is my spending from ${request.from} to ${request.to} by category, computed exactly by query_table over my statements (money out is negative). Summarize where the money went; cite the statements by path and rows; do not recompute the sums.`,
      "",
      ...(groups.length === 0 ? ["(no money out recorded this month)"] : []),
      ...groups.map(
        (g) =>
          `- ${g.key ?? "uncategorized"}: ${String(g.sum)}${g.currency ? ` ${g.currency}` : ""} in ${g.count} transactions — ${g.sources
            .map((s) => `${s.path} rows ${s.rows.join(", ")}`)
            .join("; ")}`,
      ),
    ].join("\n");
  },
};

export const PROMPTS: readonly Prompt[] = [whatDoIKnow, thisWeek, spendingThisMonth];
