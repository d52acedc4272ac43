// Two results that are the same thing in two files: a note and its copy, an email in two mailboxes,
// an invoice PDF and its JSON export. Judged on the passages shown and the file names: a copy holds
// the same words and every number; an export shares the name and most of the numbers (amounts,
// dates, references). Two invoices from one template share words but not their numbers.
import { basename } from "node:path";

const WORD = /[\p{L}\p{N}]+/gu;
const COPY_WORDS = 0.9;
const COPY_NUMBERS = 0.95;
const EXPORT_WORDS = 0.4;
const EXPORT_NUMBERS = 0.8;
/** Fewer numbers than this say nothing: two notes can share a year and a day. */
const MIN_NUMBERS = 5;

export interface Fingerprint {
  words: Set<string>;
  numbers: Set<string>;
  /** The file name up to its first dot: "inv-0042" for INV-0042.pdf and INV-0042.expected.json. */
  stem: string;
}

export function fingerprint(path: string, text: string): Fingerprint {
  const tokens = text.normalize("NFKC").toLowerCase().match(WORD) ?? [];
  const words = new Set(tokens.filter((t) => t.length >= 3 || /\d/.test(t)));
  const numbers = new Set([...words].filter((t) => /\d/.test(t)));
  const stem = basename(path).toLowerCase().split(".")[0]!;
  return { words, numbers, stem };
}

/** The larger of the shares of one set found in the other; 0 when both are empty. */
function overlap(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let found = 0;
  for (const t of small) if (large.has(t)) found++;
  return found / small.size;
}

export function nearDuplicates(a: Fingerprint, b: Fingerprint): boolean {
  const words = overlap(a.words, b.words);
  const enoughNumbers = Math.min(a.numbers.size, b.numbers.size) >= MIN_NUMBERS;
  const numbers = overlap(a.numbers, b.numbers);
  const noNumbers = a.numbers.size === 0 && b.numbers.size === 0;
  if (words >= COPY_WORDS && (noNumbers || numbers >= COPY_NUMBERS)) return true;
  const sameName = a.stem !== "" && (a.stem.startsWith(b.stem) || b.stem.startsWith(a.stem));
  return sameName && enoughNumbers && words >= EXPORT_WORDS && numbers >= EXPORT_NUMBERS;
}
