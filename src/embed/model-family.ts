// Query/document prompt formats per embedding-model family: using the wrong one silently costs recall.

export interface PromptFormat {
  family: string;
  query: (text: string) => string;
  document: (text: string) => string;
}

const plain = (text: string) => text;

const FAMILIES: readonly { match: RegExp; format: PromptFormat }[] = [
  {
    match: /embeddinggemma/,
    format: {
      family: "embeddinggemma",
      query: (t) => `task: search result | query: ${t}`,
      document: (t) => `title: none | text: ${t}`,
    },
  },
  {
    match: /nomic-embed/,
    format: {
      family: "nomic",
      query: (t) => `search_query: ${t}`,
      document: (t) => `search_document: ${t}`,
    },
  },
  {
    match: /(^|[^a-z])e5-/,
    format: { family: "e5", query: (t) => `query: ${t}`, document: (t) => `passage: ${t}` },
  },
  {
    match: /qwen3-embedding/,
    format: {
      family: "qwen3-embedding",
      query: (t) =>
        `Instruct: Given a web search query, retrieve relevant passages that answer the query\nQuery: ${t}`,
      document: plain,
    },
  },
  {
    match: /bge-.*-en|mxbai-embed/,
    format: {
      family: "bge",
      query: (t) => `Represent this sentence for searching relevant passages: ${t}`,
      document: plain,
    },
  },
];

/** Picks the format from the model's file name and GGUF general.name; unknown models get none. */
export function promptFormatFor(...names: readonly string[]): PromptFormat {
  const haystack = names.join(" ").toLowerCase();
  return (
    FAMILIES.find((f) => f.match.test(haystack))?.format ?? {
      family: "plain",
      query: plain,
      document: plain,
    }
  );
}
