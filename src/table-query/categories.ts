// Spending categories: a user-editable rules file mapping description patterns to categories,
// read at query time so an edit applies to the next question without re-indexing.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { HearthError } from "../errors.js";

export interface CategoryRule {
  category: string;
  /** The patterns as written, lower case; `*` matches any run of characters. */
  patterns: string[];
  /** All the patterns as one expression over a lower-cased description. */
  matcher: RegExp;
}

export interface CategoryRules {
  /** Where the rules came from: the user's file or the shipped defaults. */
  file: string;
  rules: CategoryRule[];
}

/** The shipped defaults, found from src/ (tsx) and from dist/src/ (built) alike. */
function shippedDefaults(): string {
  const relative = join("config", "categories.txt");
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, relative)) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, relative);
}

export const DEFAULT_CATEGORIES_FILE = shippedDefaults();

export const UNCATEGORIZED = "uncategorized";

function matcherOf(patterns: readonly string[]): RegExp {
  const alternatives = patterns.map((p) =>
    p
      .split("*")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*"),
  );
  return new RegExp(alternatives.join("|"), "u");
}

/**
 * Names a description's category: the first rule with a matching pattern, else "uncategorized".
 * Memoized, because statements repeat their merchants.
 */
export function categorizer(rules: readonly CategoryRule[]): (description: unknown) => string {
  const seen = new Map<string, string>();
  return (description) => {
    const text = typeof description === "string" ? description.toLowerCase() : "";
    let category = seen.get(text);
    if (category === undefined) {
      category = rules.find((r) => r.matcher.test(text))?.category ?? UNCATEGORIZED;
      seen.set(text, category);
    }
    return category;
  };
}

export function parseCategories(text: string, file: string): CategoryRule[] {
  const rules: CategoryRule[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const colon = line.indexOf(":");
    const category = line.slice(0, colon).trim().toLowerCase();
    const patterns = line
      .slice(colon + 1)
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p.replace(/\*/g, "") !== "");
    if (colon < 0 || category === "" || patterns.length === 0) {
      throw new HearthError(
        "CATEGORIES_INVALID",
        `${file}:${i + 1}: "${line}" is not a rule`,
        'write each rule as "category: pattern, pattern, ..." (lines starting with # are comments)',
      );
    }
    const lower = patterns.map((p) => p.toLowerCase());
    rules.push({ category, patterns: lower, matcher: matcherOf(lower) });
  });
  return rules;
}

/** The user's rules when the file exists, else the shipped defaults. */
export function loadCategories(userFile: string): CategoryRules {
  const file = existsSync(userFile) ? userFile : DEFAULT_CATEGORIES_FILE;
  return { file, rules: parseCategories(readFileSync(file, "utf8"), file) };
}
