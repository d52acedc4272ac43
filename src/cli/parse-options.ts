// Parses and checks CLI option values, with errors that name the option and what it accepts.
import { resolve } from "node:path";
import { HearthError } from "../errors.js";
import type { SearchMode } from "../search/search.js";

const MODES: readonly SearchMode[] = ["hybrid", "keyword", "semantic"];
const RELATIVE = /^(\d+)([hdwmy])$/;
const UNIT_MS: Record<string, number> = {
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  m: 30 * 86_400_000,
  y: 365 * 86_400_000,
};

export function parseMode(value: string): SearchMode {
  if ((MODES as readonly string[]).includes(value)) return value as SearchMode;
  throw new HearthError(
    "BAD_ARGUMENT",
    `--mode ${JSON.stringify(value)} is not a search mode`,
    `use one of: ${MODES.join(", ")}`,
  );
}

const SORTS = ["relevance", "date"] as const;

export function parseSort(value: string): (typeof SORTS)[number] {
  if ((SORTS as readonly string[]).includes(value)) return value as (typeof SORTS)[number];
  throw new HearthError(
    "BAD_ARGUMENT",
    `--sort ${JSON.stringify(value)} is not an order`,
    `use one of: ${SORTS.join(", ")}`,
  );
}

export function parsePositiveInt(option: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new HearthError(
      "BAD_ARGUMENT",
      `${option} ${JSON.stringify(value)} is not a whole number from 1 to ${max}`,
    );
  }
  return n;
}

/** An ISO date or date-time, or a span back from now such as 7d, 2w, 6m, 1y, 12h. */
export function parseDate(option: string, value: string, now = Date.now()): number {
  const rel = RELATIVE.exec(value.trim());
  if (rel) return now - Number(rel[1]) * UNIT_MS[rel[2]!]!;
  const ms = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw new HearthError(
      "BAD_ARGUMENT",
      `${option} ${JSON.stringify(value)} is not a date`,
      "use an ISO date like 2026-03-01 (or 2026-03-01T14:00), or a span back from now like 7d, 2w, 6m, 1y",
    );
  }
  return ms;
}

export function parseKinds(value: string): string[] {
  return value
    .split(",")
    .map((k) => k.trim().replace(/^\./, "").toLowerCase())
    .filter(Boolean);
}

export function parsePathPrefix(value: string): string {
  return resolve(value);
}
