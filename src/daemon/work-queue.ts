// The daemon's work queue: one entry per path, just-saved files ahead of the backlog, bounded concurrency.

export interface QueueProgress {
  pending: number;
  active: string[];
  done: number;
  /** Items done per second over the current busy period, for an ETA. */
  ratePerSec: number;
}

export class WorkQueue {
  private readonly urgent = new Set<string>();
  private readonly backlog = new Set<string>();
  private readonly active = new Set<string>();
  /** Paths that changed again while being processed: run once more after. */
  private readonly dirty = new Set<string>();
  private done = 0;
  private busySince = 0;
  private doneAtBusyStart = 0;
  private idleWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly concurrency: number,
    private readonly work: (path: string) => Promise<void>,
    private readonly onError: (path: string, err: unknown) => void,
  ) {}

  push(path: string, urgent: boolean): void {
    if (this.stopped) return;
    if (this.active.has(path)) {
      this.dirty.add(path);
      return;
    }
    if (urgent) {
      this.backlog.delete(path);
      this.urgent.add(path);
    } else if (!this.urgent.has(path)) {
      this.backlog.add(path);
    }
    this.pump();
  }

  get size(): number {
    return this.urgent.size + this.backlog.size + this.active.size;
  }

  progress(): QueueProgress {
    const seconds = (Date.now() - this.busySince) / 1000;
    const doneNow = this.done - this.doneAtBusyStart;
    return {
      pending: this.urgent.size + this.backlog.size,
      active: [...this.active],
      done: this.done,
      ratePerSec: this.busySince && seconds > 0 ? doneNow / seconds : 0,
    };
  }

  /** How many queued or running paths satisfy `matches`. */
  count(matches: (path: string) => boolean): number {
    let n = 0;
    for (const set of [this.urgent, this.backlog, this.active]) {
      for (const path of set) if (matches(path)) n++;
    }
    return n;
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Takes no new work; resolves when the running items finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.urgent.clear();
    this.backlog.clear();
    while (this.active.size > 0) await new Promise((r) => setTimeout(r, 20));
  }

  private next(): string | undefined {
    for (const set of [this.urgent, this.backlog]) {
      for (const path of set) {
        set.delete(path);
        return path;
      }
    }
    return undefined;
  }

  private pump(): void {
    while (!this.stopped && this.active.size < this.concurrency) {
      const path = this.next();
      if (path === undefined) break;
      if (this.active.size === 0 && this.busySince === 0) {
        this.busySince = Date.now();
        this.doneAtBusyStart = this.done;
      }
      this.active.add(path);
      void this.run(path);
    }
    if (this.size === 0) {
      this.busySince = 0;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private async run(path: string): Promise<void> {
    try {
      await this.work(path);
    } catch (err) {
      this.onError(path, err);
    } finally {
      this.active.delete(path);
      this.done++;
      if (this.dirty.delete(path)) this.push(path, true);
      this.pump();
    }
  }
}
