// The daemon's work queue: one entry per path, just-saved files ahead of the backlog, bounded
// concurrency — and a slow lane (OCR) that waits behind both and never takes the last free slot,
// so a folder of photos never holds up a saved note.

export interface QueueProgress {
  pending: number;
  active: string[];
  /** Of the pending, those waiting in the slow lane (images for OCR). */
  slowPending: number;
  done: number;
  /** Items done per second over the current busy period, for an ETA. */
  ratePerSec: number;
}

export class WorkQueue {
  private readonly urgent = new Set<string>();
  private readonly backlog = new Set<string>();
  /** The slow lane, just-saved images first. */
  private readonly slowUrgent = new Set<string>();
  private readonly slow = new Set<string>();
  private readonly active = new Set<string>();
  private activeSlow = 0;
  /** Paths that changed again while being processed: run once more after. */
  private readonly dirty = new Set<string>();
  private done = 0;
  private busySince = 0;
  private doneAtBusyStart = 0;
  private idleWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly concurrency: number,
    /** `slow`: the path runs in the slow lane. */
    private readonly work: (path: string, slow: boolean) => Promise<void>,
    private readonly onError: (path: string, err: unknown) => void,
    private readonly isSlow: (path: string) => boolean = () => false,
  ) {}

  push(path: string, urgent: boolean): void {
    if (this.stopped) return;
    if (this.active.has(path)) {
      this.dirty.add(path);
      return;
    }
    if (this.isSlow(path)) {
      if (urgent) {
        this.slow.delete(path);
        this.slowUrgent.add(path);
      } else if (!this.slowUrgent.has(path)) this.slow.add(path);
    } else if (urgent) {
      this.backlog.delete(path);
      this.urgent.add(path);
    } else if (!this.urgent.has(path)) {
      this.backlog.add(path);
    }
    this.pump();
  }

  get size(): number {
    return this.urgent.size + this.backlog.size + this.slowPending() + this.active.size;
  }

  progress(): QueueProgress {
    const seconds = (Date.now() - this.busySince) / 1000;
    const doneNow = this.done - this.doneAtBusyStart;
    return {
      pending: this.urgent.size + this.backlog.size + this.slowPending(),
      active: [...this.active],
      slowPending: this.slowPending(),
      done: this.done,
      ratePerSec: this.busySince && seconds > 0 ? doneNow / seconds : 0,
    };
  }

  /** How many queued or running paths satisfy `matches`. */
  count(matches: (path: string) => boolean): number {
    let n = 0;
    for (const set of [this.urgent, this.backlog, this.slowUrgent, this.slow, this.active]) {
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
    this.slowUrgent.clear();
    this.slow.clear();
    while (this.active.size > 0) await new Promise((r) => setTimeout(r, 20));
  }

  private next(): { path: string; slow: boolean } | undefined {
    for (const set of [this.urgent, this.backlog]) {
      for (const path of set) {
        set.delete(path);
        return { path, slow: false };
      }
    }
    // Slow work leaves one slot free (when there are two or more) for whatever is saved next.
    if (this.activeSlow >= Math.max(1, this.concurrency - 1)) return undefined;
    for (const set of [this.slowUrgent, this.slow]) {
      for (const path of set) {
        set.delete(path);
        return { path, slow: true };
      }
    }
    return undefined;
  }

  private slowPending(): number {
    return this.slowUrgent.size + this.slow.size;
  }

  private pump(): void {
    while (!this.stopped && this.active.size < this.concurrency) {
      const item = this.next();
      if (item === undefined) break;
      if (this.active.size === 0 && this.busySince === 0) {
        this.busySince = Date.now();
        this.doneAtBusyStart = this.done;
      }
      this.active.add(item.path);
      if (item.slow) this.activeSlow++;
      void this.run(item.path, item.slow);
    }
    if (this.size === 0) {
      this.busySince = 0;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private async run(path: string, slow: boolean): Promise<void> {
    try {
      await this.work(path, slow);
    } catch (err) {
      this.onError(path, err);
    } finally {
      this.active.delete(path);
      if (slow) this.activeSlow--;
      this.done++;
      if (this.dirty.delete(path)) this.push(path, true);
      this.pump();
    }
  }
}
