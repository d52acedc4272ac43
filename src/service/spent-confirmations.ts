// Each confirmation the user gave counts once: an answer sent again (replayed by a client, or after
// `hearth undo` made the file match again) does not write again. Kept as long as an answer is valid.
export class SpentConfirmations {
  private readonly spent = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time `nonce` is spent, false after. */
  spend(nonce: string): boolean {
    const now = this.now();
    for (const [key, at] of this.spent) if (now - at > this.ttlMs) this.spent.delete(key);
    if (this.spent.has(nonce)) return false;
    this.spent.set(nonce, now);
    return true;
  }
}

/** How long the user's answer to a confirmation stays valid. */
export const CONFIRMATION_TTL_MS = 15 * 60_000;
