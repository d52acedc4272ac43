// Spending categories: a user-editable rules file mapping description patterns to categories,
// read at query time so an edit applies to the next question without re-indexing.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { HearthError } from "../errors.js";

export interface CategoryRule {
  category: string;
  /** LIKE patterns, lower case, already escaped and wrapped in %. */
  patterns: string[];
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

function likePattern(pattern: string): string {
  const escaped = pattern
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)
    .replace(/\*/g, "%");
  return `%${escaped}%`;
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
    rules.push({ category, patterns: patterns.map(likePattern) });
  });
  return rules;
}

/** The user's rules when the file exists, else the shipped defaults. */
export function loadCategories(userFile: string): CategoryRules {
  const file = existsSync(userFile) ? userFile : DEFAULT_CATEGORIES_FILE;
  return { file, rules: parseCategories(readFileSync(file, "utf8"), file) };
}
