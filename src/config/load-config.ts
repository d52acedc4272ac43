// Reads the user's config file over the shipped defaults and validates the result.
import { readFileSync } from "node:fs";
import type { z } from "zod";
import defaults from "../../config/defaults.json" with { type: "json" };
import { HearthError, errorMessage } from "../errors.js";
import { configSchema, type Config } from "./schema.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPlainObject(v: unknown): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** User values win; nested objects merge key by key so a user sets only what they change. */
function mergeOver(base: Json, override: Json): Json {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, Json> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    out[key] = current === undefined ? value : mergeOver(current, value);
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const key = issue.path.join(".") || "(top level)";
  let value: unknown = input;
  for (const part of issue.path) value = isPlainObject(value) ? value[String(part)] : undefined;
  const got = issue.code === "unrecognized_keys" ? "" : ` (got ${JSON.stringify(value)})`;
  return `config key "${key}": ${issue.message}${got}`;
}

export function parseConfig(user: unknown, source: string): Config {
  if (!isPlainObject(user)) {
    throw new HearthError("CONFIG_INVALID", `${source}: the config must be a JSON object`);
  }
  const merged = mergeOver(defaults, user);
  const result = configSchema.safeParse(merged);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => describeIssue(issue, merged));
  throw new HearthError(
    "CONFIG_INVALID",
    `${source} is invalid:\n  ${lines.join("\n  ")}`,
    `edit ${source}; the defaults and their meaning are in config/defaults.json and the README`,
  );
}

/** A missing file means defaults; an unreadable or malformed one is an error that names the file. */
export function loadConfig(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return parseConfig({}, path);
    throw new HearthError("CONFIG_UNREADABLE", `cannot read ${path}: ${errorMessage(err)}`);
  }
  let user: unknown;
  try {
    user = JSON.parse(text);
  } catch (err) {
    throw new HearthError(
      "CONFIG_INVALID",
      `${path} is not valid JSON: ${errorMessage(err)}`,
      "fix the syntax, or delete the file to use the defaults",
    );
  }
  return parseConfig(user, path);
}
