// Generated vocabularies of a real model's size that tokenize English prose at a realistic rate.
//
// No vocabulary can be downloaded, so one is built: special tokens, every single character, the
// common words and their inflections whole, then letter pieces ranked by how often they occur in
// those words, then further letter strings until the table has the real size.
import { COMMON_WORDS } from "./english-words.js";

export const WORD_START = "\u2581"; // "▁": llama.cpp marks word starts this way for WordPiece and SentencePiece
const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const PRINTABLE = [
  ...Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)), // "!" .. "~"
  ..."‘’“”–—…•€£°×éèàüöç", // so common typography is not [UNK] (WordPiece) or bytes (SentencePiece)
];
const SUFFIXES = `s es ed d ing er ers est ly ion ions tion tions ation ment ments ness able ible
  ful less al ial ity ive ous ic ical ism ist ists ize ized y ry ary ory ance ence ant ent ship hood
  ward wards`.split(/\s+/);

/** ggml token types (llama.h LLAMA_TOKEN_TYPE_*). */
export const enum TokenType {
  Normal = 1,
  Unknown = 2,
  Control = 3,
  Byte = 6,
}

export interface Vocabulary {
  tokens: string[];
  types: number[];
  /** SentencePiece merge priorities (higher merges first); absent for WordPiece. */
  scores?: number[];
}

function isWord(w: string): boolean {
  return /^[a-z]+$/.test(w);
}

/** The usual -s, -ed and -ing forms of a word (some are not English; they only fill the table). */
function inflections(w: string): string[] {
  if (!isWord(w) || w.length < 4) return [];
  if (w.endsWith("e")) return [w + "s", w + "d", w.slice(0, -1) + "ing"];
  if (/[^aeiou]y$/.test(w)) return [w.slice(0, -1) + "ies", w.slice(0, -1) + "ied", w + "ing"];
  return [w + (/(s|x|z|ch|sh)$/.test(w) ? "es" : "s"), w + "ed", w + "ing"];
}

/** The common words then their inflections, each once. */
function wordList(): string[] {
  return [...new Set([...COMMON_WORDS, ...COMMON_WORDS.flatMap(inflections)])];
}

/**
 * Letter pieces of 2–5 letters, most frequent first, weighing each word by its rank: word starts
 * (prefixes) and word-inner pieces (substrings after the first letter).
 */
function rankedPieces(words: readonly string[]): { starts: string[]; inner: string[] } {
  const starts = new Map<string, number>();
  const inner = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string, w: number) => m.set(k, (m.get(k) ?? 0) + w);
  words.forEach((word, rank) => {
    if (!isWord(word)) return;
    const weight = 1 / (rank + 100);
    for (let len = 2; len <= 5 && len < word.length; len++)
      bump(starts, word.slice(0, len), weight);
    for (let i = 1; i < word.length; i++) {
      for (let len = 2; len <= 5 && i + len <= word.length; len++) {
        bump(inner, word.slice(i, i + len), weight);
      }
    }
  });
  const sorted = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  return { starts: sorted(starts), inner: sorted(inner) };
}

/**
 * Every lowercase letter string of 3, 4, 5… letters, each length in a scrambled but fixed order
 * (a multiplicative permutation), so a partial fill is not biased toward the start of the alphabet.
 */
function* letterStrings(): Generator<string> {
  for (let len = 3; ; len++) {
    const count = 26 ** len;
    for (let k = 0; k < count; k++) {
      let idx = (k * 104_729) % count; // 104729 is prime and shares no factor with 26^len
      let s = "";
      for (let i = 0; i < len; i++, idx = Math.floor(idx / 26)) s += LETTERS[idx % 26];
      yield s;
    }
  }
}

/** An ordered, duplicate-free token list that stops growing at its target size. */
class TokenTable {
  readonly tokens: string[] = [];
  readonly types: number[] = [];
  private readonly seen = new Set<string>();
  constructor(readonly size: number) {}
  get full(): boolean {
    return this.tokens.length >= this.size;
  }
  add(token: string, type: number = TokenType.Normal): void {
    if (this.full || this.seen.has(token)) return;
    this.seen.add(token);
    this.tokens.push(token);
    this.types.push(type);
  }
  addAll(tokens: Iterable<string>): void {
    for (const t of tokens) {
      if (this.full) return;
      this.add(t);
    }
  }
}

/** Alternates two ranked lists, so neither starts nor inner pieces crowd the other out of a small table. */
function* interleave(a: readonly string[], b: readonly string[]): Generator<string> {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) yield a[i]!;
    if (i < b.length) yield b[i]!;
  }
}

/**
 * A lowercase WordPiece vocabulary laid out like bert-base-uncased: [PAD] 0, [unused0–98],
 * [UNK] 100, [CLS] 101, [SEP] 102, [MASK] 103, then pieces ("▁word" starts a word).
 */
export function wordPieceVocabulary(size: number): Vocabulary {
  const table = new TokenTable(size);
  table.add("[PAD]", TokenType.Control);
  for (let i = 0; i < 99; i++) table.add(`[unused${i}]`, TokenType.Control);
  table.add("[UNK]", TokenType.Unknown);
  for (const t of ["[CLS]", "[SEP]", "[MASK]"]) table.add(t, TokenType.Control);
  const chars = PRINTABLE.filter((c) => c.toLowerCase() === c);
  for (const c of chars) table.add(WORD_START + c);
  table.addAll(chars);
  for (let n = 0; n < 100; n++) table.add(WORD_START + n);
  for (let year = 1900; year <= 2100; year++) table.add(WORD_START + year);
  for (let n = 0; n < 100; n++) table.add(String(n).padStart(2, "0"));
  const words = wordList();
  table.addAll(words.map((w) => WORD_START + w));
  table.addAll(SUFFIXES);
  const { starts, inner } = rankedPieces(words);
  table.addAll(
    interleave(
      starts.map((p) => WORD_START + p),
      inner,
    ),
  );
  for (const s of letterStrings()) {
    if (table.full) break;
    table.add(WORD_START + s);
    table.add(s);
  }
  return { tokens: table.tokens, types: table.types };
}

function capitalized(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** "▁word" and every shorter "▁wor", "▁wo", "▁w": SentencePiece reaches a piece only by merging pieces. */
function withPrefixes(piece: string): string[] {
  const out: string[] = [];
  for (let len = 2; len <= piece.length; len++) out.push(piece.slice(0, len));
  return out;
}

/**
 * A case-sensitive SentencePiece vocabulary laid out like Gemma's: <pad> 0, <eos> 1, <bos> 2,
 * <unk> 3, <mask> 4, the 256 byte tokens, then pieces. Word starts ("▁…") score above word-inner
 * pieces, so llama.cpp's merges grow each word from its start, as the longest known prefix.
 */
export function sentencePieceVocabulary(size: number): Vocabulary {
  const table = new TokenTable(size);
  for (const t of ["<pad>", "<eos>", "<bos>"]) table.add(t, TokenType.Control);
  table.add("<unk>", TokenType.Unknown);
  table.add("<mask>", TokenType.Control);
  for (let b = 0; b < 256; b++) {
    table.add(`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`, TokenType.Byte);
  }
  const specials = table.tokens.length;
  table.add(WORD_START);
  table.addAll(PRINTABLE);
  for (const c of PRINTABLE) table.add(WORD_START + c);
  const words = wordList();
  for (const w of words) {
    table.addAll(withPrefixes(WORD_START + w));
    table.addAll(withPrefixes(WORD_START + capitalized(w)));
  }
  // Without a space prefix (Gemma's setting) a text's first word has no "▁".
  for (const w of words) table.addAll(withPrefixes(capitalized(w)));
  table.addAll(words);
  table.addAll(SUFFIXES);
  const { starts, inner } = rankedPieces(words);
  for (const p of starts) {
    table.addAll(withPrefixes(WORD_START + p));
    table.addAll(withPrefixes(WORD_START + capitalized(p)));
  }
  table.addAll(inner);
  for (const s of letterStrings()) {
    if (table.full) break;
    table.addAll(withPrefixes(WORD_START + s));
    table.add(s);
  }
  const scores = table.tokens.map((t, id) => {
    if (id < specials) return 0;
    return (t.startsWith(WORD_START) ? 0 : -1_000_000) - id;
  });
  return { tokens: table.tokens, types: table.types, scores };
}
