// A snippet with the query's words marked — as text nodes and <mark>s, never as HTML.
import type { ComponentChildren } from "preact";

const WORD = /[\p{L}\p{N}]{2,}/gu;

export function Highlight({ text, query }: { text: string; query: string }): ComponentChildren {
  const words = [...new Set((query.match(WORD) ?? []).map((w) => w.toLowerCase()))];
  if (words.length === 0) return text;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const parts = text.split(new RegExp(`(${escaped.join("|")})`, "giu"));
  return parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part));
}
