// What every MCP tool is made of — a schema the service validates, an output schema, honest
// annotations — and how calls and refusals become tool results.
import type {
  CallToolResult,
  ContentBlock,
  InputRequiredResult,
  ServerContext,
  ToolAnnotations,
} from "@modelcontextprotocol/server";
import { z } from "zod";
import { HearthError, errorMessage } from "../errors.js";
import type { Logger } from "../log.js";
import type { Caller } from "../service/caller.js";
import type { HearthService } from "../service/service.js";

export interface ToolCall {
  service: HearthService;
  caller: Caller;
  ctx: ServerContext;
  args: unknown;
  /** Whether the client can ask its user a question (MCP elicitation in form mode). */
  canElicit: boolean;
}

export type ToolAnswer =
  | {
      result: Record<string, unknown>;
      /** Extra content items (resource links) after the JSON text. */
      links?: ContentBlock[];
    }
  /** The user must answer first (a confirmation); the client calls again with the answer. */
  | { inputRequired: InputRequiredResult };

export type ToolAnnotationsOf = Pick<ToolAnnotations, "destructiveHint" | "idempotentHint">;

export interface Tool {
  name: string;
  title: string;
  description: string;
  input: z.ZodType;
  output: z.ZodType;
  annotations: ToolAnnotations;
  call(call: ToolCall): Promise<ToolAnswer>;
}

export const READ_ONLY: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

/** A tool's schema as the JSON Schema clients are shown. */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, target: "draft-2020-12" });
  return { type: "object", ...json };
}

/** Sends a progress notification when the client asked for them (a progressToken in the request). */
export async function reportProgress(
  ctx: ServerContext,
  progress: number,
  total: number,
  message: string,
): Promise<void> {
  const token = ctx.mcpReq._meta?.progressToken;
  if (token === undefined) return;
  await ctx.mcpReq
    .notify({
      method: "notifications/progress",
      params: { progressToken: token, progress, total, message },
    })
    .catch(() => undefined);
}

export function toolResult(
  answer: Exclude<ToolAnswer, { inputRequired: unknown }>,
): CallToolResult {
  return {
    content: [
      { type: "text", text: JSON.stringify(answer.result, null, 2) },
      ...(answer.links ?? []),
    ],
    structuredContent: answer.result,
  };
}

/** A refusal says what to send (its code first); anything unexpected is logged and said plainly. */
export function toolError(err: unknown, log: Logger, tool: string): CallToolResult {
  let text: string;
  if (err instanceof HearthError) text = `${err.code}: ${err.message}`;
  else if (err instanceof Error && err.name === "AbortError")
    text = "cancelled: the request was cancelled before it finished";
  else {
    log.error("tool failed", { tool, error: errorMessage(err) });
    text = `internal error: ${errorMessage(err)} (the daemon's log has more)`;
  }
  return { isError: true, content: [{ type: "text", text }] };
}
