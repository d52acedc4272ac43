// A model download started from the page: one at a time, in the daemon, its progress kept for the
// page to poll. The only request Hearth makes off the machine is a download the user asked for.
import { errorMessage } from "../errors.js";
import { pullModel, type PullResult } from "../embed/pull-model.js";
import type { Logger } from "../log.js";

export interface PullState {
  source: string;
  received: number;
  total: number | null;
  startedAt: string;
  /** Set once it ended: what was installed, or why it failed. */
  result?: PullResult;
  error?: string;
}

export class ModelPulls {
  private state: PullState | null = null;
  private running: Promise<void> | null = null;
  private readonly abort = new AbortController();

  constructor(
    private readonly modelsDir: string,
    private readonly log: Logger,
  ) {}

  /** The latest pull's state, running or ended; null before the first. */
  current(): PullState | null {
    return this.state && { ...this.state };
  }

  /** Starts a pull, or refuses while one runs (its state is returned either way). */
  start(source: string): { started: boolean; state: PullState } {
    if (this.running) return { started: false, state: this.current()! };
    const state: PullState = {
      source,
      received: 0,
      total: null,
      startedAt: new Date().toISOString(),
    };
    this.state = state;
    this.running = pullModel(source, {
      modelsDir: this.modelsDir,
      signal: this.abort.signal,
      onProgress: ({ received, total }) => {
        state.received = received;
        state.total = total;
      },
    })
      .then((result) => {
        state.result = result;
        state.received = result.bytes;
        state.total = result.bytes;
        this.log.info("model pulled", { source, path: result.path });
      })
      .catch((err: unknown) => {
        state.error = errorMessage(err);
        this.log.warn("model pull failed", { source, error: state.error });
      })
      .finally(() => (this.running = null));
    return { started: true, state: this.current()! };
  }

  /** Stops a running pull (the daemon is stopping); a later pull resumes it. */
  async close(): Promise<void> {
    this.abort.abort();
    await this.running;
  }
}
