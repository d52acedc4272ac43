// Runs the store's purge a moment after the index changes, once the queue is quiet: a rename (a
// delete, then an add) finds its vectors still cached, and a burst of deletes costs one pass.
const QUIET_MS = 2000;
const DAY_MS = 86_400_000;

export class PurgePass {
  private timer: NodeJS.Timeout | null = null;
  private later: NodeJS.Timeout | null = null;

  constructor(
    private readonly purge: () => void,
    private readonly busy: () => boolean,
    private readonly onError: (err: unknown) => void,
    private readonly quietMs = QUIET_MS,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.fire(), this.quietMs);
    this.timer.unref();
  }

  /** A pass at `at` (epoch ms; at most a day ahead, then again): kept orphans whose time is up. */
  scheduleAt(at: number): void {
    if (this.later) clearTimeout(this.later);
    const wait = Math.min(Math.max(at - Date.now(), this.quietMs), DAY_MS);
    this.later = setTimeout(() => {
      this.later = null;
      this.schedule();
    }, wait);
    this.later.unref();
  }

  /** Runs a scheduled pass now (the daemon is stopping). */
  flush(): void {
    if (this.later) clearTimeout(this.later);
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.runSafely();
  }

  private fire(): void {
    this.timer = null;
    if (this.busy()) return this.schedule();
    this.runSafely();
  }

  private runSafely(): void {
    try {
      this.purge();
    } catch (err) {
      this.onError(err);
    }
  }
}
