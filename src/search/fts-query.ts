// Turns any user text into a safe FTS5 query: quoted terms OR-ed, so no input is ever FTS syntax.
import { STOP_WORDS } from "./stop-words.js";

/** Long pasted text keeps its first terms; FTS5 cost grows with every OR-ed term. */
const MAX_TERMS = 32;
const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased word tokens as unicode61 sees them, stop words dropped unless nothing else is left. */
export function queryTerms(text: string): string[] {
  const words = [...text.normalize("NFKC").toLowerCase().matchAll(WORD)].map((m) => m[0]);
  const content = words.filter((w) => !STOP_WORDS.has(w));
  const chosen = content.length > 0 ? content : words;
  return [...new Set(chosen)].slice(0, MAX_TERMS);
}

/** null when the text has no searchable word at all (only punctuation, say). */
export function toFtsQuery(text: string): string | null {
  const terms = queryTerms(text);
  if (terms.length === 0) return null;
  // Inside double quotes every character is literal to FTS5 except '"' itself, which WORD never yields.
  return terms.map((t) => `"${t}"`).join(" OR ");
}
