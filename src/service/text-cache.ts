// The text extracted for reading, kept by the content's hash: reading a scan page by page, or the
// page's preview after a search, extracts (and OCRs) a file once, not once per read. Bounded by
// characters; the least recently read goes first. A changed file has a new hash: never stale.
export class TextCache {
  private readonly texts = new Map<string, string>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  async get(hash: string, extract: () => Promise<string>): Promise<string> {
    const kept = this.texts.get(hash);
    if (kept !== undefined) {
      // Map order is insertion order: re-inserting marks it the most recently read.
      this.texts.delete(hash);
      this.texts.set(hash, kept);
      return kept;
    }
    const text = await extract();
    if (text.length > this.maxChars) return text;
    this.texts.set(hash, text);
    this.chars += text.length;
    for (const [oldest, t] of this.texts) {
      if (this.chars <= this.maxChars) break;
      this.texts.delete(oldest);
      this.chars -= t.length;
    }
    return text;
  }
}
