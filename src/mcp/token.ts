// The bearer token for MCP over HTTP: generated on first use, kept owner-only in the data folder.
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";

export function loadOrCreateToken(file: string): string {
  try {
    const token = readFileSync(file, "utf8").trim();
    if (token.length >= 32) return token;
  } catch {
    // first run
  }
  const token = randomBytes(32).toString("base64url");
  writeFileSync(file, token + "\n", { mode: 0o600 });
  return token;
}
