// Wraps a tool's work: structured and text content, errors the agent can act on, one audit entry per call.
import type { CallToolResult, ServerContext } from "@modelcontextprotocol/server";
import { HearthError, errorMessage } from "../errors.js";
import type { McpBackend } from "./backend.js";
import { PathRefused } from "./confine-path.js";

export interface ToolOutcome<T> {
  result: T;
  /** Files the answer exposes to the agent, for the audit log. */
  paths: readonly string[];
  /** Extra content items (resource links) after the JSON text. */
  links?: CallToolResult["content"];
}

/** Sends a progress notification when the client asked for them (a progressToken in the request). */
export async function reportProgress(
  ctx: ServerContext | undefined,
  progress: number,
  total: number,
  message: string,
): Promise<void> {
  const token = ctx?.mcpReq._meta?.progressToken;
  if (token === undefined || !ctx) return;
  await ctx.mcpReq
    .notify({
      method: "notifications/progress",
      params: { progressToken: token, progress, total, message },
    })
    .catch(() => undefined);
}

export async function runTool<T extends Record<string, unknown>>(
  backend: McpBackend,
  client: string,
  tool: string,
  args: unknown,
  work: () => Promise<ToolOutcome<T>>,
): Promise<CallToolResult> {
  try {
    const { result, paths, links = [] } = await work();
    backend.audit.record({ at: Date.now(), client, tool, arguments: args, paths, error: null });
    return {
      content: [{ type: "text", text: JSON.stringify(result, null, 2) }, ...links],
      structuredContent: result,
    };
  } catch (err) {
    const expected = err instanceof PathRefused || err instanceof HearthError;
    const message = expected ? errorMessage(err) : `internal error: ${errorMessage(err)}`;
    backend.audit.record({
      at: Date.now(),
      client,
      tool,
      arguments: args,
      paths: [],
      error: message,
    });
    return { isError: true, content: [{ type: "text", text: message }] };
  }
}
