// A model-independent token estimate: words cost about one token per six letters, punctuation one each.

const TOKEN_PATTERN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

export function estimateTokens(text: string): number {
  let count = 0;
  for (const match of text.matchAll(TOKEN_PATTERN)) count += Math.ceil(match[0].length / 6);
  return count;
}
