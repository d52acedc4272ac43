// Extraction with a time limit and a memory ceiling: heavy formats run in worker threads that are killed when stuck.
import { Worker } from "node:worker_threads";
import {
  ExtractError,
  OcrLater,
  type ExtractInput,
  type ExtractedDoc,
  type OcrSettings,
} from "./indexer.js";
import type { ExtractReply, ExtractRequest } from "./extract-worker.js";

export interface ExtractLimits {
  timeoutMs: number;
  memoryMb: number;
  workers: number;
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

// Built, the worker is the .js beside this file. Run from sources under tsx (tests, benchmarks), a worker
// does not inherit tsx's loader, so a small bootstrap registers it first.
const FROM_SOURCE = import.meta.url.endsWith(".ts");
const WORKER_URL = new URL(
  FROM_SOURCE ? "./extract-worker.ts" : "./extract-worker.js",
  import.meta.url,
);
const WORKER_BOOTSTRAP = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;

export class ExtractorPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly limits: ExtractLimits,
    private readonly ocr: OcrSettings,
  ) {}

  async extract(input: ExtractInput, signal?: AbortSignal): Promise<ExtractedDoc> {
    return (await this.submit("extract", input, signal)).doc!;
  }

  /** The file's text as it is, decoded off the event loop. */
  async decode(input: ExtractInput, signal?: AbortSignal): Promise<string> {
    return (await this.submit("decode", input, signal)).text!;
  }

  private async submit(
    op: ExtractRequest["op"],
    input: ExtractInput,
    signal?: AbortSignal,
  ): Promise<{ doc?: ExtractedDoc; text?: string }> {
    const slot = await this.acquire();
    try {
      return await this.run(slot, op, input, signal);
    } finally {
      this.release(slot);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }

  private spawn(): Slot {
    const worker = new Worker(FROM_SOURCE ? WORKER_BOOTSTRAP : WORKER_URL, {
      eval: FROM_SOURCE,
      // Whatever a parser prints — or a thread it starts (OCR's) — goes to stderr: stdout may carry MCP.
      stdout: true,
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.memoryMb,
        maxYoungGenerationSizeMb: 64,
      },
    });
    worker.stdout.pipe(process.stderr, { end: false });
    worker.unref();
    const slot = { worker, busy: false };
    this.slots.push(slot);
    return slot;
  }

  private acquire(): Promise<Slot> {
    if (this.closed) return Promise.reject(new Error("the extractor pool is closed"));
    const idle = this.slots.find((s) => !s.busy);
    const slot = idle ?? (this.slots.length < this.limits.workers ? this.spawn() : null);
    if (slot) {
      slot.busy = true;
      return Promise.resolve(slot);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    if (!this.slots.includes(slot)) {
      // It was killed: its place goes to a fresh worker, on demand.
      const next = this.waiting.shift();
      if (next && !this.closed) {
        const fresh = this.spawn();
        fresh.busy = true;
        next(fresh);
      }
      return;
    }
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  private kill(slot: Slot): void {
    this.slots.splice(this.slots.indexOf(slot), 1);
    void slot.worker.terminate();
  }

  private run(
    slot: Slot,
    op: ExtractRequest["op"],
    input: ExtractInput,
    signal?: AbortSignal,
  ): Promise<{ doc?: ExtractedDoc; text?: string }> {
    const id = this.nextId++;
    const { worker } = slot;
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        signal?.removeEventListener("abort", onAbort);
      };
      const fail = (error: Error) => {
        cleanup();
        this.kill(slot);
        reject(error);
      };
      const onMessage = (reply: ExtractReply) => {
        if (reply.id !== id) return;
        cleanup();
        if (reply.ok) resolve(reply);
        else
          reject(
            reply.ocrLater
              ? new OcrLater(reply.error)
              : reply.expected
                ? new ExtractError(reply.error)
                : new ExtractError(`could not be read: ${reply.error}`),
          );
      };
      const onError = (err: Error & { code?: string }) =>
        fail(
          new ExtractError(
            err.code === "ERR_WORKER_OUT_OF_MEMORY"
              ? `extraction needed more than ${this.limits.memoryMb} MB of memory and was stopped`
              : `extraction crashed: ${err.message}`,
          ),
        );
      const onExit = () => fail(new ExtractError("extraction stopped unexpectedly"));
      const onAbort = () => fail(new ExtractError("extraction was cancelled"));
      const timer = setTimeout(
        () =>
          fail(
            new ExtractError(
              `extraction took longer than ${this.limits.timeoutMs / 1000} s and was stopped`,
            ),
          ),
        this.limits.timeoutMs,
      );
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      signal?.addEventListener("abort", onAbort);
      const request: ExtractRequest = { id, op, ...input, ocr: this.ocr };
      worker.postMessage(request);
    });
  }
}
