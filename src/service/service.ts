// The application layer every face calls — MCP tools, the control socket (and so the CLI), the web
// page: each operation validates its input with one schema, applies the caller's scope, and agents'
// calls are written to the audit log here, once.
import type { ActionTool, ToolName } from "../config/schema.js";
import { HearthError, errorMessage } from "../errors.js";
import { isInside } from "../pipeline/index-policy.js";
import { auditedArguments } from "./audit-arguments.js";
import type { Caller } from "./caller.js";
import { ServiceContext, type ServiceDeps } from "./context.js";
import { planAction } from "./ops/action-plan.js";
import { act, type Consent } from "./ops/actions.js";
import { auditLog } from "./ops/audit.js";
import { files, recent, sources } from "./ops/catalog.js";
import { forget, memoryNotes, remember, type MemoryHooks } from "./ops/memory.js";
import { doctor } from "./ops/doctor.js";
import { ignoreRules } from "./ops/ignore-rules.js";
import { read } from "./ops/read.js";
import { recall } from "./ops/recall.js";
import { search } from "./ops/search.js";
import { status } from "./ops/status.js";
import { queryTable, tableCategories } from "./ops/tables.js";
import { listActions, undo } from "./ops/undo.js";

/** The tool each operation belongs to, for a profile's list of tools. */
const TOOL_OF: Record<string, ToolName> = {
  search: "search",
  recall: "recall",
  read: "read",
  "resources/read": "read",
  "resources/list": "read",
  list_sources: "list_sources",
  recent: "recent",
  query_table: "query_table",
  "table categories": "query_table",
  status: "status",
  remember: "remember",
  forget: "forget",
  append_to_note: "append_to_note",
  create_note: "create_note",
  edit_note: "edit_note",
  move_file: "move_file",
};

interface Outcome<T> {
  result: T;
  /** Files the answer exposes to the caller, for the audit log. */
  paths: readonly string[];
  /** What the audit log keeps of the outcome besides the paths (an action's hashes). */
  detail?: Record<string, unknown>;
}

/** What the user is asked to confirm: the change in words and lines, and what stands for it. */
export interface ActionPreview {
  summary: string;
  preview: string;
  digest: string;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Progress of long work (reranking, say): done of total, and what it is doing. */
  onProgress?: (done: number, total: number, message: string) => void;
}

const refusalOf = (err: unknown) =>
  err instanceof HearthError ? `${err.code}: ${err.message}` : errorMessage(err);

export class HearthService {
  readonly ctx: ServiceContext;

  constructor(deps: ServiceDeps) {
    this.ctx = new ServiceContext(deps);
  }

  search(caller: Caller, input: unknown, options: CallOptions = {}) {
    return this.run(caller, "search", input, () =>
      search(this.ctx, caller, input, options.signal, options.onProgress),
    );
  }

  recall(caller: Caller, input: unknown, options: CallOptions = {}) {
    return this.run(caller, "recall", input, () => recall(this.ctx, caller, input, options.signal));
  }

  read(caller: Caller, input: unknown, options: CallOptions = {}) {
    return this.run(caller, "read", input, () => read(this.ctx, caller, input, options.signal));
  }

  /** A file as an MCP resource: the same as `read` from its first line, audited as a resource read. */
  readResource(caller: Caller, uri: string, path: string, options: CallOptions = {}) {
    return this.run(caller, "resources/read", { uri }, () =>
      read(this.ctx, caller, { path }, options.signal),
    );
  }

  sources(caller: Caller, input: unknown) {
    return this.run(caller, "list_sources", input, () => sources(this.ctx, caller, input));
  }

  recent(caller: Caller, input: unknown) {
    return this.run(caller, "recent", input, () => recent(this.ctx, caller, input));
  }

  /** The indexed files a page at a time (not audited: names only, as list_sources gives counts). */
  files(caller: Caller, input: unknown) {
    return Promise.resolve().then(() => {
      this.authorize(caller, "resources/list");
      return files(this.ctx, caller, input).result;
    });
  }

  /** The tools this caller may call (all of them without a profile). */
  tools(caller: Caller): ReadonlySet<ToolName> {
    return this.ctx.scope(caller).tools;
  }

  /** Whether a change under these paths (files or folders) touches what the caller sees. */
  touches(caller: Caller, paths: readonly string[]): boolean {
    if (caller.profile === null) return true;
    const roots = this.ctx.visibleRoots(caller);
    return paths.some((p) => roots.some((r) => isInside(p, r) || isInside(r, p)));
  }

  /** Refuses an operation outside the caller's profile, saying where that is decided. */
  private authorize(caller: Caller, op: string): void {
    if (caller.profile === null) return;
    const tool = TOOL_OF[op];
    if (tool && this.ctx.scope(caller).tools.has(tool)) return;
    throw new HearthError(
      "TOOL_NOT_ALLOWED",
      `profile ${caller.profile} may not use ${tool ?? op}`,
      `the tools, tables and memory settings of profiles.${caller.profile} in the config decide what it may use`,
    );
  }

  queryTable(caller: Caller, input: unknown) {
    return this.run(caller, "query_table", input, () => queryTable(this.ctx, caller, input));
  }

  tableCategories(caller: Caller, input: unknown = {}) {
    return this.run(caller, "table categories", input, () =>
      tableCategories(this.ctx, caller, input),
    );
  }

  status(caller: Caller, input: unknown = {}) {
    return this.run(caller, "status", input, () => status(this.ctx, caller, input));
  }

  auditLog(caller: Caller, input: unknown) {
    return this.run(caller, "audit", input, () => auditLog(this.ctx, caller, input));
  }

  remember(caller: Caller, input: unknown, hooks: MemoryHooks = {}) {
    return this.run(caller, "remember", input, () => remember(this.ctx, caller, input, hooks));
  }

  /** The memory notes with their text (the user's own view). */
  memoryNotes(caller: Caller, input: unknown = {}) {
    return this.run(caller, "memory notes", input, () => memoryNotes(this.ctx, caller, input));
  }

  /** What happens to one file and why (the user's own view: `doctor FILE`). */
  doctor(caller: Caller, input: unknown) {
    return this.run(caller, "doctor", input, () => doctor(this.ctx, caller, input));
  }

  /** Every rule that leaves files out (the user's own view). */
  ignoreRules(caller: Caller) {
    return this.run(caller, "ignore rules", {}, () => ignoreRules(this.ctx));
  }

  forget(caller: Caller, input: unknown) {
    return this.run(caller, "forget", input, () => forget(this.ctx, caller, input));
  }

  /** What an action would change now; nothing is written (and nothing audited: nothing is done). */
  async previewAction(caller: Caller, tool: ActionTool, input: unknown): Promise<ActionPreview> {
    try {
      this.authorize(caller, tool);
      const plan = await planAction(this.ctx, caller, tool, input);
      return { summary: plan.summary, preview: plan.preview, digest: plan.digest };
    } catch (err) {
      // A refused attempt is audited like any refusal, asked or not.
      if (caller.agent) this.audit(caller, tool, input, [], refusalOf(err));
      throw err;
    }
  }

  /**
   * Does an action on the user's files as the user answered (or refuses it, audited either way).
   * A confirmation holds only for the change the user saw: if the file changed meanwhile, the
   * answer is the new preview, to ask again.
   */
  async act(caller: Caller, tool: ActionTool, input: unknown, consent: Consent) {
    const outcome = await this.run(caller, tool, input, () =>
      act(this.ctx, caller, tool, input, consent),
    );
    if (!("stale" in outcome)) return outcome;
    const { summary, preview, digest } = outcome.stale;
    return { stale: { summary, preview, digest } satisfies ActionPreview };
  }

  /** The latest actions agents took on the user's files (the user's own command). */
  actions(caller: Caller, input: unknown = {}) {
    return this.run(caller, "actions", input, () => listActions(this.ctx, caller, input));
  }

  /** Puts the latest actions back (the user's own command). */
  undo(caller: Caller, input: unknown = {}) {
    return this.run(caller, "undo", input, () => undo(this.ctx, caller, input));
  }

  /** Runs an operation; an agent's call is audited with what it exposed, or why it was refused. */
  private async run<T>(
    caller: Caller,
    op: string,
    input: unknown,
    work: () => Outcome<T> | Promise<Outcome<T>>,
  ): Promise<T> {
    try {
      this.authorize(caller, op);
      const { result, paths, detail } = await work();
      if (caller.agent) this.audit(caller, op, input, paths, null, detail);
      return result;
    } catch (err) {
      if (caller.agent) this.audit(caller, op, input, [], refusalOf(err));
      throw err;
    }
  }

  private audit(
    caller: Caller,
    tool: string,
    input: unknown,
    paths: readonly string[],
    error: string | null,
    detail?: Record<string, unknown>,
  ): void {
    const { audit } = this.ctx.store;
    const args = auditedArguments(tool, input, this.ctx.config.audit.queries, () => audit.salt());
    audit.record({
      at: Date.now(),
      client: caller.client,
      profile: caller.profile,
      tool,
      arguments: detail ? { ...(args as object), outcome: detail } : args,
      paths,
      error,
    });
  }
}
