// Collections of other shapes built from one BEIR collection's documents, so that a ranking change
// fitted to its titles or its short queries shows up (`npm run eval -- --variant NAME`).
import type { BeirCollection } from "../src/eval/beir.js";

export const VARIANTS = ["no-titles", "paragraph-queries"] as const;
export type Variant = (typeof VARIANTS)[number];

/** The documents without their titles: field weights cannot lean on them. */
function noTitles(collection: BeirCollection): BeirCollection {
  return { ...collection, corpus: collection.corpus.map((d) => ({ ...d, title: "" })) };
}

/**
 * Paragraph-long queries over short abstracts without headings: every 17th document of four or more
 * sentences gives its first half as a query, and keeps only its second half, the one thing it asks
 * for. The rest of the corpus stays as it is (without titles).
 */
function paragraphQueries(collection: BeirCollection): BeirCollection {
  const queries = new Map<string, string>();
  const qrels = new Map<string, Map<string, number>>();
  const corpus = noTitles(collection).corpus.map((doc, i) => {
    const sentences = doc.text.split(/(?<=[.!?])\s+/);
    if (i % 17 !== 0 || sentences.length < 4) return doc;
    const half = Math.floor(sentences.length / 2);
    queries.set(`p${i}`, sentences.slice(0, half).join(" "));
    qrels.set(`p${i}`, new Map([[doc.id, 1]]));
    return { ...doc, text: sentences.slice(half).join(" ") };
  });
  return { corpus, queries, qrels };
}

export function variantOf(collection: BeirCollection, variant: Variant): BeirCollection {
  return variant === "no-titles" ? noTitles(collection) : paragraphQueries(collection);
}
