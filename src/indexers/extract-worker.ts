// Runs inside a worker thread: extracts (or decodes) one file at a time for the pool, so a hostile
// or huge file cannot hurt the daemon.
import { parentPort } from "node:worker_threads";
import { errorMessage } from "../errors.js";
import { decodeText } from "./decode-text.js";
import { ExtractError, OcrLater, type ExtractInput, type ExtractedDoc } from "./indexer.js";
import { indexerFor } from "./registry.js";

export interface ExtractRequest extends ExtractInput {
  id: number;
  /** "extract": the indexer's document; "decode": the file's text as it is (for `read`). */
  op: "extract" | "decode";
}

export type ExtractReply =
  | { id: number; ok: true; doc?: ExtractedDoc; text?: string }
  | { id: number; ok: false; expected: boolean; ocrLater?: boolean; error: string };

// A worker's console.log would reach the process's stdout, which may carry MCP: libraries log to stderr.
for (const method of ["log", "info", "warn", "debug"] as const) {
  // eslint-disable-next-line no-console -- redirecting, not logging
  console[method] = (...args: unknown[]) => process.stderr.write(args.map(String).join(" ") + "\n");
}

parentPort?.on("message", (request: ExtractRequest) => {
  void (async () => {
    let reply: ExtractReply;
    try {
      const { id, op, ...input } = request;
      if (op === "decode") {
        reply = { id, ok: true, text: decodeText(input.bytes) };
      } else {
        const indexer = indexerFor(input.path);
        if (!indexer) throw new ExtractError("no indexer for this kind of file");
        reply = { id, ok: true, doc: await indexer.extract(input, new AbortController().signal) };
      }
    } catch (err) {
      reply = {
        id: request.id,
        ok: false,
        expected: err instanceof ExtractError,
        ...(err instanceof OcrLater ? { ocrLater: true } : {}),
        error: errorMessage(err),
      };
    }
    parentPort!.postMessage(reply);
  })();
});
