// Reads what people type into a search box — words, "quoted phrases", -exclusions — and turns it
// into a safe FTS5 query: every word is quoted, so no input is ever FTS syntax.
import { STOP_WORDS } from "./stop-words.js";

/** Bounds the work on a pasted essay; the search narrows longer queries further (search.ts). */
const MAX_QUERY_WORDS = 512;
const WORD = /[\p{L}\p{N}]+/gu;
/** A quoted phrase, or a word or phrase with a leading "-" (only at the start of a token: e-mail stays a word). */
const OPERATOR = /(?<=^|\s)-"([^"]*)"|"([^"]*)"|(?<=^|\s)-([^\s"]+)/gu;

export interface ParsedQuery {
  /** Words to look for, any of them: they rank. */
  terms: string[];
  /** Quoted phrases every result must contain, each as its words. */
  phrases: string[][];
  /** Words and phrases no result may contain. */
  excluded: string[][];
  /** What the model embeds: the query without its operators and excluded words. */
  semanticText: string;
}

/** Lower-cased word tokens as unicode61 sees them. */
export function wordTokens(text: string): string[] {
  return [...text.normalize("NFKC").toLowerCase().matchAll(WORD)].map((m) => m[0]);
}

/** Lower-cased word tokens as unicode61 sees them, stop words dropped unless nothing else is left. */
export function queryTerms(text: string): string[] {
  const all = wordTokens(text);
  const content = all.filter((w) => !STOP_WORDS.has(w));
  const chosen = content.length > 0 ? content : all;
  return [...new Set(chosen)].slice(0, MAX_QUERY_WORDS);
}

/**
 * Each term as often as the query says it outside its phrases (which are required as they are), at
 * most `cap` times: BM25 sums over the OR-ed words of an FTS5 query, so a word written twice weighs
 * twice.
 */
export function repeatedAsOften(
  query: ParsedQuery,
  terms: readonly string[],
  cap: number,
): string[] {
  const counts = new Map<string, number>();
  for (const word of wordTokens(query.semanticText)) counts.set(word, (counts.get(word) ?? 0) + 1);
  for (const word of query.phrases.flat()) counts.set(word, (counts.get(word) ?? 1) - 1);
  return terms.flatMap((t) =>
    Array<string>(Math.min(cap, Math.max(1, counts.get(t) ?? 1))).fill(t),
  );
}

export function parseQuery(text: string): ParsedQuery {
  const phrases: string[][] = [];
  const excluded: string[][] = [];
  const kept: string[] = [];
  const rest = text.replace(
    OPERATOR,
    (_match, notPhrase?: string, phrase?: string, notWord?: string) => {
      if (phrase !== undefined) {
        const w = wordTokens(phrase);
        if (w.length > 0) phrases.push(w);
        kept.push(phrase);
      } else {
        const w = wordTokens(notPhrase ?? notWord ?? "");
        if (w.length > 0) excluded.push(w);
      }
      return " ";
    },
  );
  const terms = queryTerms(rest);
  return { terms, phrases, excluded, semanticText: [...kept, rest].join(" ").trim() };
}

/** Every word a result's snippet should show. */
export function highlightTerms(query: ParsedQuery): string[] {
  return [...new Set([...query.phrases.flat(), ...query.terms])];
}

const quoted = (phrase: readonly string[]) => `"${phrase.join(" ")}"`;

/**
 * null when the query has nothing to look for (only punctuation, or only exclusions). Phrases are
 * required; the other words are OR-ed so that each one found ranks a result higher.
 */
export function toFtsQuery(query: ParsedQuery): string | null {
  const required = query.phrases.map(quoted);
  const optional = query.terms.map((t) => quoted([t]));
  let positive: string;
  if (required.length === 0) positive = optional.join(" OR ");
  else if (optional.length === 0) positive = required.join(" AND ");
  else positive = `${required.join(" AND ")} AND (${[...required, ...optional].join(" OR ")})`;
  if (!positive) return null;
  if (query.excluded.length === 0) return positive;
  return `(${positive})${query.excluded.map((e) => ` NOT ${quoted(e)}`).join("")}`;
}

/** The query's constraints alone, for results found by meaning: which must match, which must not. */
export function constraintQueries(query: ParsedQuery): {
  required: string | null;
  excluded: string | null;
} {
  return {
    required: query.phrases.length > 0 ? query.phrases.map(quoted).join(" AND ") : null,
    excluded: query.excluded.length > 0 ? query.excluded.map(quoted).join(" OR ") : null,
  };
}
