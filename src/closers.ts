// Releases what was acquired, last first, on every path: a failing close does not skip the others.
import { errorMessage } from "./errors.js";

export type Closer = () => void | Promise<void>;

export class Closers {
  private readonly stack: Closer[] = [];

  add(close: Closer): void {
    this.stack.push(close);
  }

  /** Runs every closer once, newest first; rethrows the first failure after all have run. */
  async close(): Promise<void> {
    let failure: Error | null = null;
    for (const close of this.stack.splice(0).reverse()) {
      try {
        await close();
      } catch (err) {
        failure ??= err instanceof Error ? err : new Error(errorMessage(err));
      }
    }
    if (failure) throw failure;
  }
}
