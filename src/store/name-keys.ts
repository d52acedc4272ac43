// A file's names as lookup keys: what a query that names the file reduces to. Word order, case,
// punctuation and extension do not matter: "Invoice 2024-03" finds invoice_2024_03.pdf.
import { basename, extname } from "node:path";

const WORD = /[\p{L}\p{N}]+/gu;

/** The sorted distinct words of a text; "" when it has none. */
export function nameKey(text: string): string {
  const words = new Set(text.normalize("NFKC").toLowerCase().match(WORD) ?? []);
  return [...words].sort().join(" ");
}

/** The keys a file is found by: its file name with and without the extension, and its title. */
export function nameKeys(path: string, title: string): string[] {
  const file = basename(path);
  const stem = file.slice(0, file.length - extname(file).length);
  const keys = new Set([nameKey(file), nameKey(stem), nameKey(title)]);
  keys.delete("");
  return [...keys];
}
