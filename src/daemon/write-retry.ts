// Files whose outcome the index could not record (a full disk):
// kept here, in memory, and retried with back-off until the index can take them again, so the
// index converges without a restart once space returns.
import { errorMessage } from "../errors.js";

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

/** Errors that mean the write itself failed, not the file: SQLite's "disk full" and I/O errors. */
export function isWriteFailure(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" && /^SQLITE_(FULL|IOERR)/.test(code);
}

export interface WriteBlocked {
  since: string;
  /** Files waiting to be indexed (or removed) once the index can grow. */
  waiting: number;
  message: string;
}

export class WriteRetry {
  private readonly paths = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private delay = FIRST_DELAY_MS;
  private blocked: { since: string; message: string } | null = null;

  /** `retry` re-queues a path; it is called for each waiting path when the back-off expires. */
  constructor(private readonly retry: (path: string) => void) {}

  /** A path whose write failed: kept, and retried later. Returns true when this starts a blockage. */
  add(path: string, err: unknown): boolean {
    this.paths.add(path);
    const starts = this.blocked === null;
    this.blocked ??= {
      since: new Date().toISOString(),
      message: `the index cannot grow (${errorMessage(err)}): free disk space; the files waiting are retried`,
    };
    this.schedule();
    return starts;
  }

  /**
   * A write went through (space may have come back, or a delete freed some): that path no longer
   * waits, and the others are tried again soon rather than after a long back-off.
   */
  written(path: string): void {
    if (!this.paths.delete(path) && this.blocked === null) return;
    this.delay = FIRST_DELAY_MS;
    if (this.paths.size === 0) {
      this.blocked = null;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.schedule();
  }

  status(): WriteBlocked | null {
    return this.blocked && { ...this.blocked, waiting: this.paths.size };
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const waiting = [...this.paths];
      this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
      for (const path of waiting) this.retry(path);
    }, this.delay);
    this.timer.unref();
  }
}
