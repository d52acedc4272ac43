// `hearth actions` and `hearth undo`: what agents changed, and putting it back — only while the file
// is exactly as the action left it, so an undo never loses a change made since.
import { readFile, rm } from "node:fs/promises";
import { z } from "zod";
import { versionHash } from "../../actions/note-text.js";
import { moveFile, occupied, replaceFile } from "../../actions/write-file.js";
import { HearthError } from "../../errors.js";
import type { ActionRecord } from "../../store/action-journal.js";
import type { Caller } from "../caller.js";
import type { ServiceContext } from "../context.js";

export const actionsInput = z
  .object({ limit: z.number().int().min(1).max(10_000).default(20) })
  .strict();

export const undoInput = z
  .object({
    /** How many of the latest actions not yet undone, newest first. */
    count: z.number().int().min(1).max(1000).default(1),
    /** One action by its number instead. */
    id: z.number().int().min(1).optional(),
  })
  .strict();

export interface UndoReport {
  undone: ActionRecord[];
  /** Where undoing stopped, and why (the actions before it are left as they are). */
  stopped: { id: number; reason: string } | null;
}

const refuse = (action: ActionRecord, why: string, fix?: string) =>
  new HearthError(
    "UNDO_REFUSED",
    `action ${action.id} (${action.tool}) cannot be undone: ${why}`,
    fix,
  );

/** Puts one action back, or refuses when the file moved on since. */
async function undoOne(ctx: ServiceContext, action: ActionRecord): Promise<string[]> {
  if (action.undoneAt !== null) throw refuse(action, "it was undone already");
  const current = action.toPath ?? action.path;
  const bytes = await readFile(current).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") throw refuse(action, `${current} no longer exists`);
    throw err;
  });
  if (versionHash(bytes) !== action.afterHash) {
    throw refuse(
      action,
      `${current} changed after it (by you or another program); undoing would lose that change`,
      "edit the file by hand; `hearth actions --json` lists what each action changed",
    );
  }
  if (action.tool === "move_file") {
    if (await occupied(action.path)) throw refuse(action, `something is at ${action.path} again`);
    await moveFile(current, action.path);
  } else if (action.tool === "create_note") {
    await rm(current);
  } else {
    const before = ctx.store.actions.previousVersion(action.id);
    if (!before) {
      throw refuse(
        action,
        "its previous version is no longer kept",
        "actions.keepVersions in the config sets how many previous versions are kept",
      );
    }
    await replaceFile(current, before);
  }
  ctx.store.actions.markUndone(action.id, Date.now());
  return action.toPath ? [action.toPath, action.path] : [action.path];
}

/**
 * Actions journaled whose write was never marked done (the process stopped between): kept when the
 * disk shows the write happened, dropped when it shows it did not.
 */
async function settleUnfinished(ctx: ServiceContext): Promise<void> {
  const { actions } = ctx.store;
  for (const action of actions.unsettled()) {
    const bytes = await readFile(action.toPath ?? action.path).catch(() => null);
    if (bytes && versionHash(bytes) === action.afterHash)
      actions.done(action.id, ctx.config.actions.keepVersions);
    else actions.discard(action.id);
  }
}

/** The index follows at once with a daemon; without one it catches up when the daemon starts. */
async function reindex(ctx: ServiceContext, path: string): Promise<void> {
  await ctx.runtime.indexNow(path).catch((err: unknown) => {
    if (!(err instanceof HearthError && err.code === "DAEMON_UNREACHABLE")) throw err;
  });
}

export async function undo(
  ctx: ServiceContext,
  _caller: Caller,
  raw: unknown,
): Promise<{ result: UndoReport; paths: string[] }> {
  const input = ctx.parse(undoInput, raw, "undo");
  return ctx.writes.run("actions", async () => {
    await settleUnfinished(ctx);
    let targets: ActionRecord[];
    if (input.id !== undefined) {
      const action = ctx.store.actions.get(input.id);
      if (!action)
        throw new HearthError(
          "ACTION_NOT_FOUND",
          `there is no action ${input.id}`,
          "`hearth actions` lists them with their numbers",
        );
      targets = [action];
    } else {
      targets = ctx.store.actions.undoable(input.count);
      if (targets.length === 0)
        throw new HearthError("ACTION_NOT_FOUND", "no action is left to undo");
    }
    const report: UndoReport = { undone: [], stopped: null };
    const paths: string[] = [];
    for (const action of targets) {
      try {
        const changed = await undoOne(ctx, action);
        for (const path of changed) await reindex(ctx, path);
        paths.push(...changed);
        report.undone.push(ctx.store.actions.get(action.id)!);
      } catch (err) {
        if (report.undone.length === 0 || !(err instanceof HearthError)) throw err;
        report.stopped = { id: action.id, reason: err.message };
        break;
      }
    }
    return { result: report, paths };
  });
}

export async function listActions(
  ctx: ServiceContext,
  _caller: Caller,
  raw: unknown,
): Promise<{ result: { actions: ActionRecord[] }; paths: string[] }> {
  const input = ctx.parse(actionsInput, raw, "actions");
  if (!ctx.store.readonly) await ctx.writes.run("actions", () => settleUnfinished(ctx));
  return { result: { actions: ctx.store.actions.latest(input.limit) }, paths: [] };
}
