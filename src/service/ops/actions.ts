// The actions agents take on the user's own files — append_to_note, create_note, edit_note,
// move_file: applied only as the user answered and only if the plan they saw still holds; journaled
// before the write (with the previous version, for `hearth undo`) and settled after; indexed at once.
import { createFile, moveFile, replaceFile } from "../../actions/write-file.js";
import type { ActionTool } from "../../config/schema.js";
import { HearthError } from "../../errors.js";
import type { Caller } from "../caller.js";
import type { ServiceContext } from "../context.js";
import { type ActionPlan, planAction } from "./action-plan.js";

/** How the user answered, or why they were not asked. */
export type Consent =
  | { kind: "confirmed"; digest: string; nonce: string }
  | { kind: "unconfirmed" }
  | { kind: "declined" }
  | { kind: "cancelled" };

export interface ActionDone {
  /** The action's number in `hearth actions` (for `hearth undo --id`). */
  id: number;
  tool: ActionTool;
  path: string;
  toPath?: string;
  /** sha256 before (null: a new file) and after: the `hash` for a following edit_note. */
  beforeHash: string | null;
  hash: string;
  line: number | null;
  summary: string;
  /** False when indexing it at once failed: the watcher brings it in shortly. */
  indexed: boolean;
}

/** The confirmed plan no longer holds: the file changed while the user looked. Ask again. */
export interface ActionStale {
  stale: ActionPlan;
}

function refuseWithout(ctx: ServiceContext, caller: Caller, consent: Consent): void {
  if (consent.kind === "declined")
    throw new HearthError("WRITE_DECLINED", "the user declined the change; nothing was written");
  if (consent.kind === "cancelled")
    throw new HearthError(
      "WRITE_CANCELLED",
      "the user dismissed the confirmation; nothing was written",
    );
  if (consent.kind === "unconfirmed" && !ctx.scope(caller).unconfirmedWrites) {
    throw new HearthError(
      "CONFIRMATION_UNAVAILABLE",
      "this client cannot ask the user to confirm a change (it does not support MCP elicitation), so nothing was written",
      caller.profile === null
        ? 'use a client that supports elicitation, or set "actions.unconfirmedWrites": true in the config to let writes go ahead unasked'
        : `use a client that supports elicitation, or set "profiles.${caller.profile}.unconfirmedWrites": true in the config`,
    );
  }
}

async function write(plan: ActionPlan): Promise<void> {
  if (plan.tool === "move_file") return moveFile(plan.path, plan.toPath!);
  if (plan.tool === "create_note") return createFile(plan.path, plan.after!);
  return replaceFile(plan.path, plan.after!);
}

function spend(ctx: ServiceContext, consent: Consent): void {
  if (consent.kind !== "confirmed" || ctx.confirmations.spend(consent.nonce)) return;
  throw new HearthError(
    "CONFIRMATION_SPENT",
    "this confirmation was acted on already; nothing more was written",
    "call the tool again (without inputResponses) to ask the user anew",
  );
}

/** Journaled first, written, then settled: a crash between leaves a row to check, not a secret. */
async function journaledWrite(ctx: ServiceContext, caller: Caller, plan: ActionPlan) {
  const { actions } = ctx.store;
  const id = actions.begin({
    at: Date.now(),
    client: caller.client,
    profile: caller.profile,
    tool: plan.tool,
    path: plan.path,
    toPath: plan.toPath,
    beforeHash: plan.beforeHash,
    afterHash: plan.afterHash,
    beforeBytes: plan.before,
  });
  try {
    await write(plan);
  } catch (err) {
    actions.discard(id);
    throw err;
  }
  actions.done(id, ctx.config.actions.keepVersions);
  return id;
}

/** The written file indexed now; should that fail, the watcher brings it in, as for any save. */
async function indexWritten(ctx: ServiceContext, paths: readonly string[]): Promise<boolean> {
  try {
    for (const path of paths) await ctx.runtime.indexNow(path);
    return true;
  } catch {
    return false;
  }
}

export async function act(
  ctx: ServiceContext,
  caller: Caller,
  tool: ActionTool,
  raw: unknown,
  consent: Consent,
): Promise<{
  result: ActionDone | ActionStale;
  paths: string[];
  detail?: Record<string, unknown>;
}> {
  refuseWithout(ctx, caller, consent);
  // One action at a time: a second agent's plan is made against the first one's result.
  return ctx.writes.run("actions", async () => {
    spend(ctx, consent);
    const plan = await planAction(ctx, caller, tool, raw);
    if (consent.kind === "confirmed" && consent.digest !== plan.digest)
      return { result: { stale: plan }, paths: [], detail: { written: false, stale: true } };
    const id = await journaledWrite(ctx, caller, plan);
    const paths = plan.toPath ? [plan.path, plan.toPath] : [plan.path];
    const done: ActionDone = {
      id,
      tool,
      path: plan.path,
      beforeHash: plan.beforeHash,
      hash: plan.afterHash,
      line: plan.line,
      summary: plan.summary,
      indexed: await indexWritten(ctx, paths),
    };
    if (plan.toPath) done.toPath = plan.toPath;
    return {
      result: done,
      paths,
      detail: { action: id, before: plan.beforeHash, after: plan.afterHash },
    };
  });
}
