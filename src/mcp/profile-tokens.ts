// Bearer tokens for MCP over HTTP that carry a profile: one file per token in the data folder,
// holding only a hash of its secret, so a token is shown once, listed without its secret, and
// revoked by deleting its file (the next request with it is refused).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HearthError } from "../errors.js";

const PREFIX = "hth";
const ID = /^[a-f0-9]{12}$/;

export interface ProfileToken {
  id: string;
  profile: string;
  created: string;
}

interface Stored extends ProfileToken {
  sha256: string;
}

const digest = (secret: string) => createHash("sha256").update(secret).digest();

function readStored(dir: string, id: string): Stored | null {
  if (!ID.test(id)) return null;
  try {
    return JSON.parse(readFileSync(join(dir, `${id}.json`), "utf8")) as Stored;
  } catch {
    return null;
  }
}

/** A new token for `profile`: the only time its secret is known. */
export function createProfileToken(dir: string, profile: string, now = new Date()): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const id = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("hex");
  const stored: Stored = {
    id,
    profile,
    created: now.toISOString(),
    sha256: digest(secret).toString("hex"),
  };
  writeFileSync(join(dir, `${id}.json`), JSON.stringify(stored) + "\n", {
    flag: "wx",
    mode: 0o600,
  });
  return `${PREFIX}_${id}_${secret}`;
}

export function listProfileTokens(dir: string): ProfileToken[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(".json"))
    .map((n) => readStored(dir, n.slice(0, -5)))
    .filter((t): t is Stored => t !== null)
    .map(({ id, profile, created }) => ({ id, profile, created }))
    .sort((a, b) => a.created.localeCompare(b.created));
}

export function revokeProfileToken(dir: string, id: string): ProfileToken {
  const stored = readStored(dir, id);
  if (!stored) {
    throw new HearthError(
      "TOKEN_UNKNOWN",
      `there is no token ${JSON.stringify(id)}`,
      "`hearth mcp tokens` lists them by id",
    );
  }
  rmSync(join(dir, `${id}.json`), { force: true });
  return { id: stored.id, profile: stored.profile, created: stored.created };
}

/** The profile a bearer token was made for; null when it is not a valid, unrevoked one. */
export function profileOfToken(dir: string, bearer: string): string | null {
  const [prefix, id, secret, ...extra] = bearer.split("_");
  if (prefix !== PREFIX || !id || !secret || extra.length > 0) return null;
  const stored = readStored(dir, id);
  if (!stored) return null;
  const want = Buffer.from(stored.sha256, "hex");
  const given = digest(secret);
  return want.length === given.length && timingSafeEqual(want, given) ? stored.profile : null;
}
