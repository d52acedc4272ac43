// Runs the store's purge a moment after the index changes, once the queue is quiet: a rename (a
// delete, then an add) finds its vectors still cached, and a burst of deletes costs one pass.
const QUIET_MS = 2000;

export class PurgePass {
  private timer: NodeJS.Timeout | null = null;

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

  /** Runs a scheduled pass now (the daemon is stopping). */
  flush(): void {
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
