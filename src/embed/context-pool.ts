// A fixed set of llama.cpp contexts lent out one caller at a time, first come first served.

export class ContextPool<T> {
  private readonly free: T[];
  private readonly waiting: ((item: T) => void)[] = [];

  constructor(readonly items: readonly T[]) {
    this.free = [...items];
  }

  async use<R>(work: (item: T) => Promise<R>): Promise<R> {
    const item = this.free.pop() ?? (await new Promise<T>((resolve) => this.waiting.push(resolve)));
    try {
      return await work(item);
    } finally {
      const next = this.waiting.shift();
      if (next) next(item);
      else this.free.push(item);
    }
  }
}

/**
 * Counts work that others yield to. `idle()` resolves when none is under way, or after `maxWaitMs`
 * at most: a stream of queries slows indexing down but never stops it.
 */
export class PriorityGate {
  private active = 0;
  private drained: { promise: Promise<void>; resolve: () => void } | null = null;

  async run<R>(work: () => Promise<R>): Promise<R> {
    this.active++;
    try {
      return await work();
    } finally {
      if (--this.active === 0 && this.drained) {
        this.drained.resolve();
        this.drained = null;
      }
    }
  }

  constructor(private readonly maxWaitMs: number) {}

  async idle(): Promise<void> {
    if (this.active === 0) return;
    if (!this.drained) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.drained = { promise, resolve };
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.drained.promise,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, this.maxWaitMs))),
    ]);
    clearTimeout(timer);
  }
}
