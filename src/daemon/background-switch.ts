// `hearth models use` inside the daemon: the next model embeds the index in the background while
// searches use the current one; the swap is atomic, and a switch left by a stop resumes at start.
import { existsSync } from "node:fs";
import { setEmbeddingModel } from "../config/edit-config.js";
import type { Embedder } from "../embed/embedder.js";
import { HearthError, errorMessage } from "../errors.js";
import type { Hearth } from "../hearth.js";
import type { Logger } from "../log.js";
import { backfillVectors } from "../pipeline/backfill-vectors.js";
import { beginModelSwitch, reembedForSwitch } from "../pipeline/reembed-for-switch.js";

export interface SwitchStatus {
  to: string;
  modelPath: string;
  done: number;
  total: number;
  startedAt: string;
}

export type SwitchOutcome = "started" | "under way" | "already active";

/** How the last switch ended, for `hearth models use` to report after following it. */
export interface SwitchResult {
  modelPath: string;
  switched: boolean;
  error?: string;
  at: string;
}

export class BackgroundSwitch {
  private current: SwitchStatus | null = null;
  private last: SwitchResult | null = null;
  private task: Promise<void> | null = null;
  private readonly abort = new AbortController();

  constructor(
    private readonly hearth: Hearth,
    private readonly log: Logger,
    private readonly onSwitched: () => void,
    private readonly onError: (error: string) => void,
  ) {}

  status(): SwitchStatus | null {
    return this.current && { ...this.current };
  }

  lastResult(): SwitchResult | null {
    return this.last;
  }

  /** Starts a switch to the GGUF at `modelPath`, or reports the one under way. */
  async start(modelPath: string): Promise<SwitchOutcome> {
    if (this.current) {
      if (this.current.modelPath === modelPath) return "under way";
      throw new HearthError(
        "BAD_ARGUMENT",
        `a switch to ${this.current.to} is under way`,
        "wait for it to finish (`hearth status`), then switch again",
      );
    }
    const { store, config } = this.hearth;
    const embedder = await beginModelSwitch(store, config.embedding, modelPath, this.log);
    if (!embedder) return "already active";
    const name = embedder.info.name;
    this.current = { to: name, modelPath, done: 0, total: 0, startedAt: new Date().toISOString() };
    this.log.info("model switch started", { to: name });
    this.task = this.run(embedder, modelPath);
    return "started";
  }

  /** Resumes a switch that a stopped daemon left half done. */
  async resume(): Promise<void> {
    const pending = this.hearth.store.vectors.pendingSwitch();
    if (!pending) return;
    if (!existsSync(pending.modelPath)) {
      this.hearth.store.vectors.cancelSwitch();
      this.onError(`model switch cancelled: ${pending.modelPath} is gone`);
      return;
    }
    await this.start(pending.modelPath);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.task;
  }

  private async run(embedder: Embedder, modelPath: string): Promise<void> {
    let previous: Embedder | null | undefined;
    try {
      await reembedForSwitch(this.hearth.store, embedder, {
        signal: this.abort.signal,
        onProgress: (p) => Object.assign(this.current!, p),
        onSwitched: () => (previous = this.hearth.model.swap(embedder)),
      });
      setEmbeddingModel(this.hearth.paths.configFile, modelPath);
      this.log.info("model switched", { to: embedder.info.name });
      this.last = { modelPath, switched: true, at: new Date().toISOString() };
      this.current = null;
      await previous?.close();
      // Files indexed during the swap may have come with the old model's vectors, which were left out.
      await backfillVectors(this.hearth.store, embedder, { signal: this.abort.signal });
      this.onSwitched();
    } catch (err) {
      if (previous === undefined) await embedder.close();
      // The pending switch stays in the index: a restart, or `models use` again, resumes it.
      if (!this.abort.signal.aborted) {
        const error = `model switch failed: ${errorMessage(err)}`;
        this.last ??= { modelPath, switched: false, error, at: new Date().toISOString() };
        this.onError(error);
      }
    } finally {
      this.current = null;
      this.task = null;
    }
  }
}
