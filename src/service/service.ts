// The application layer every face calls — MCP tools, the control socket (and so the CLI), the web
// page: each operation validates its input with one schema, applies the caller's scope, and agents'
// calls are written to the audit log here, once.
import { HearthError, errorMessage } from "../errors.js";
import type { Caller } from "./caller.js";
import { ServiceContext, type ServiceDeps } from "./context.js";
import { auditLog } from "./ops/audit.js";
import { files, recent, sources } from "./ops/catalog.js";
import { forget, remember, type MemoryHooks } from "./ops/memory.js";
import { read } from "./ops/read.js";
import { search } from "./ops/search.js";
import { status } from "./ops/status.js";
import { queryTable, tableCategories } from "./ops/tables.js";

interface Outcome<T> {
  result: T;
  /** Files the answer exposes to the caller, for the audit log. */
  paths: readonly string[];
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Progress of long work (reranking, say): done of total, and what it is doing. */
  onProgress?: (done: number, total: number, message: string) => void;
}

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
    return Promise.resolve(files(this.ctx, caller, input).result);
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

  forget(caller: Caller, input: unknown) {
    return this.run(caller, "forget", input, () => forget(this.ctx, caller, input));
  }

  /** Runs an operation; an agent's call is audited with what it exposed, or why it was refused. */
  private async run<T>(
    caller: Caller,
    op: string,
    input: unknown,
    work: () => Outcome<T> | Promise<Outcome<T>>,
  ): Promise<T> {
    try {
      const { result, paths } = await work();
      if (caller.agent) this.audit(caller, op, input, paths, null);
      return result;
    } catch (err) {
      if (caller.agent) {
        const why = err instanceof HearthError ? `${err.code}: ${err.message}` : errorMessage(err);
        this.audit(caller, op, input, [], why);
      }
      throw err;
    }
  }

  private audit(
    caller: Caller,
    tool: string,
    input: unknown,
    paths: readonly string[],
    error: string | null,
  ): void {
    this.ctx.store.audit.record({
      at: Date.now(),
      client: caller.client,
      tool,
      arguments: input ?? {},
      paths,
      error,
    });
  }
}
