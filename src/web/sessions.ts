// Who may use the page: `hearth open` asks the daemon for a one-time code; the browser trades it
// for a session cookie (HttpOnly, SameSite=Strict) and the page gets a CSRF token for its changes.
// Sessions live in the daemon's memory: a restarted daemon asks for `hearth open` again.
import { randomBytes, timingSafeEqual } from "node:crypto";

const CODE_TTL_MS = 120_000;
const SESSION_TTL_MS = 7 * 86_400_000;
const MAX_CODES = 32;

export interface WebSession {
  id: string;
  /** Sent back by the page in a header on every change: a cross-site form cannot know it. */
  csrf: string;
  expiresAt: number;
}

const token = () => randomBytes(32).toString("base64url");

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class WebSessions {
  private readonly codes = new Map<string, number>();
  private readonly sessions = new Map<string, WebSession>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A code good for one sign-in within two minutes. */
  mintCode(): string {
    this.sweep();
    // A flood of `hearth open` keeps only the latest codes.
    while (this.codes.size >= MAX_CODES) this.codes.delete(this.codes.keys().next().value!);
    const code = token();
    this.codes.set(code, this.now() + CODE_TTL_MS);
    return code;
  }

  /** Trades a code for a new session; a used, expired or unknown code gets none. */
  redeem(code: string): WebSession | null {
    this.sweep();
    const expiresAt = this.codes.get(code);
    if (expiresAt === undefined) return null;
    this.codes.delete(code);
    const session = { id: token(), csrf: token(), expiresAt: this.now() + SESSION_TTL_MS };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session a cookie value names. */
  find(id: string | undefined): WebSession | null {
    if (!id) return null;
    const session = this.sessions.get(id);
    if (!session || session.expiresAt <= this.now()) return null;
    return session;
  }

  private sweep(): void {
    const now = this.now();
    for (const [code, at] of this.codes) if (at <= now) this.codes.delete(code);
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
  }
}
