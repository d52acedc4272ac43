// The action tools — append_to_note, create_note, edit_note, move_file: each change is shown to the
// user through MCP elicitation and made only once they accept (2026-07-28 clients answer an
// input_required result; for 2025 clients the SDK asks them with a server-to-client request).
import { randomBytes } from "node:crypto";
import {
  createRequestStateCodec,
  inputRequired,
  inputResponse,
} from "@modelcontextprotocol/server";
import { z } from "zod";
import type { ActionTool } from "../../config/schema.js";
import { HearthError } from "../../errors.js";
import { ACTION_INPUTS } from "../../service/ops/action-inputs.js";
import type { Consent } from "../../service/ops/actions.js";
import { CONFIRMATION_TTL_MS } from "../../service/spent-confirmations.js";
import type { ActionPreview } from "../../service/service.js";
import { fileUri } from "../file-uri.js";
import type { Tool, ToolAnnotationsOf, ToolCall } from "../tool-kit.js";

interface ConfirmState {
  tool: ActionTool;
  /** The profile of the connection that asked: an answer holds on no other. */
  profile: string | null;
  digest: string;
  /** Spent by the write: the same answer twice writes once. */
  nonce: string;
}

/**
 * Seals what the user was asked, so an answer counts only for the change it was shown. One key per
 * process: every round of a confirmation is answered by the daemon that asked.
 */
export const confirmStates = createRequestStateCodec<ConfirmState>({
  key: randomBytes(32),
  ttlSeconds: CONFIRMATION_TTL_MS / 1000,
});

const CONFIRM = "confirm";

const confirmSchema = {
  type: "object" as const,
  properties: {
    confirm: {
      type: "boolean" as const,
      title: "Make this change",
      description: "`hearth undo` puts it back",
      default: true,
    },
  },
  required: ["confirm"],
};

async function ask(call: ToolCall, tool: ActionTool, preview: ActionPreview, again: boolean) {
  const message = [
    again ? "The file changed while you were deciding. Here is the change as it would be now." : "",
    `${call.caller.client} wants to ${preview.summary}.`,
    "",
    preview.preview,
  ]
    .filter((line, i) => i > 0 || line !== "")
    .join("\n");
  const requestState = await confirmStates.mint({
    tool,
    profile: call.caller.profile,
    digest: preview.digest,
    nonce: randomBytes(16).toString("hex"),
  });
  return {
    inputRequired: inputRequired({
      inputRequests: {
        [CONFIRM]: inputRequired.elicit({ message, requestedSchema: confirmSchema }),
      },
      requestState,
    }),
  };
}

function confirmedState(call: ToolCall, tool: ActionTool): ConfirmState {
  const state = call.ctx.mcpReq.requestState<ConfirmState>();
  if (
    typeof state === "object" &&
    state !== null &&
    state.tool === tool &&
    state.profile === call.caller.profile
  )
    return state;
  throw new HearthError(
    "BAD_ARGUMENT",
    "this answer does not belong to a confirmation Hearth asked for",
    "call the tool again without inputResponses",
  );
}

/** Accepted means accepted with the box ticked; anything else that is not "cancel" declines. */
function consentOf(
  answer: { action: "accept" | "decline" | "cancel"; content?: Record<string, unknown> },
  state: ConfirmState,
): Consent {
  if (answer.action === "cancel") return { kind: "cancelled" };
  if (answer.action === "accept" && answer.content?.confirm === true)
    return { kind: "confirmed", digest: state.digest, nonce: state.nonce };
  return { kind: "declined" };
}

const actionOutput = z.object({
  id: z.number().describe("the action's number in `hearth actions` (`hearth undo --id`)"),
  tool: z.string(),
  path: z.string(),
  uri: z.string(),
  toPath: z.string().optional().describe("move_file: where the file is now"),
  beforeHash: z.string().nullable().describe("sha256 before; null for a new file"),
  hash: z.string().describe("sha256 after: send it with a following edit_note"),
  line: z.number().nullable().describe("the first line that changed"),
  summary: z.string(),
  indexed: z.boolean().describe("false: indexing it at once failed; the watcher brings it in"),
});

function actionTool(
  name: ActionTool,
  title: string,
  description: string,
  annotations: ToolAnnotationsOf,
): Tool {
  return {
    name,
    title,
    description: `${description} Only in the folders the user made writable. The user is asked to confirm each change (a client that cannot ask is refused unless the user allowed unconfirmed writes); declined or dismissed, nothing is written. Writes are atomic, searchable at once, and undone with \`hearth undo\`.`,
    input: ACTION_INPUTS[name],
    output: actionOutput,
    annotations: { readOnlyHint: false, openWorldHint: false, ...annotations },
    async call(call) {
      const { service, caller, ctx, args } = call;
      const answer = inputResponse(ctx.mcpReq.inputResponses, CONFIRM);
      let outcome;
      if (answer.kind === "missing") {
        if (call.canElicit)
          return ask(call, name, await service.previewAction(caller, name, args), false);
        outcome = await service.act(caller, name, args, { kind: "unconfirmed" });
      } else {
        const state = confirmedState(call, name);
        if (answer.kind !== "elicit") {
          throw new HearthError(
            "BAD_ARGUMENT",
            "the answer to the confirmation is not an elicitation result",
            "answer the elicitation request Hearth sent",
          );
        }
        outcome = await service.act(caller, name, args, consentOf(answer, state));
      }
      if ("stale" in outcome) return ask(call, name, outcome.stale, true);
      return { result: { ...outcome, uri: fileUri(outcome.toPath ?? outcome.path) } };
    },
  };
}

export const appendToNoteTool = actionTool(
  "append_to_note",
  "Append to a note",
  "Adds a line or a section at the end of a markdown or text note, or at the end of the section under a named heading (a journal entry, a to-do); a heading the note lacks is added.",
  { destructiveHint: false, idempotentHint: false },
);

export const createNoteTool = actionTool(
  "create_note",
  "Create a note",
  "Creates a new markdown or text note (folders made as needed); a path that exists is refused, never overwritten.",
  { destructiveHint: false, idempotentHint: true },
);

export const editNoteTool = actionTool(
  "edit_note",
  "Edit a note",
  "Replaces one exact span of text that occurs once in a note. Send the `hash` that `read` returned: a note changed since you read it is refused (read it again).",
  { destructiveHint: true, idempotentHint: true },
);

export const moveFileTool = actionTool(
  "move_file",
  "Move a file",
  "Moves or renames an indexed file within the writable folders; an existing destination is refused, never replaced.",
  { destructiveHint: true, idempotentHint: true },
);
