// The text extracted for reading, kept by its kind and content hash: reading a scan page by page, or the
// page's preview after a search, extracts (and OCRs) a file once, not once per read. Bounded by
// characters; the least recently read goes first. A changed file has a new hash: never stale.
export class TextCache {
  private readonly texts = new Map<string, string>();
  /** Extractions under way: two reads of one file at once extract it once. */
  private readonly pending = new Map<string, Promise<string>>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  async get(key: string, extract: () => Promise<string>): Promise<string> {
    const kept = this.texts.get(key);
    if (kept !== undefined) {
      // Map order is insertion order: re-inserting marks it the most recently read.
      this.texts.delete(key);
      this.texts.set(key, kept);
      return kept;
    }
    let running = this.pending.get(key);
    if (!running) {
      running = extract().finally(() => this.pending.delete(key));
      this.pending.set(key, running);
      void running.then((text) => this.keep(key, text)).catch(() => undefined);
    }
    return running;
  }

  private keep(key: string, text: string): void {
    if (text.length > this.maxChars || this.texts.has(key)) return;
    this.texts.set(key, text);
    this.chars += text.length;
    for (const [oldest, t] of this.texts) {
      if (this.chars <= this.maxChars) break;
      this.texts.delete(oldest);
      this.chars -= t.length;
    }
  }
}
