// Runs inside a worker thread: extracts one file at a time for the pool, so a hostile file cannot hurt the daemon.
import { parentPort } from "node:worker_threads";
import { errorMessage } from "../errors.js";
import { ExtractError, type ExtractedDoc } from "./indexer.js";
import { indexerFor } from "./registry.js";

export interface ExtractRequest {
  id: number;
  path: string;
}

export type ExtractReply =
  | { id: number; ok: true; doc: ExtractedDoc }
  | { id: number; ok: false; expected: boolean; error: string };

// A worker's console.log would reach the process's stdout, which may carry MCP: libraries log to stderr.
for (const method of ["log", "info", "warn", "debug"] as const) {
  // eslint-disable-next-line no-console -- redirecting, not logging
  console[method] = (...args: unknown[]) => process.stderr.write(args.map(String).join(" ") + "\n");
}

parentPort?.on("message", (request: ExtractRequest) => {
  void (async () => {
    let reply: ExtractReply;
    try {
      const indexer = indexerFor(request.path);
      if (!indexer) throw new ExtractError("no indexer for this kind of file");
      const doc = await indexer.extract(request.path, new AbortController().signal);
      reply = { id: request.id, ok: true, doc };
    } catch (err) {
      reply = {
        id: request.id,
        ok: false,
        expected: err instanceof ExtractError,
        error: errorMessage(err),
      };
    }
    parentPort!.postMessage(reply);
  })();
});
