// Reads a retrieval collection in BEIR layout (corpus.jsonl, queries.jsonl, qrels/test.tsv), from a folder or a .zip.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { HearthError } from "../errors.js";
import type { Judgements } from "./metrics.js";

export interface BeirDoc {
  id: string;
  title: string;
  text: string;
}

export interface BeirCollection {
  corpus: BeirDoc[];
  queries: Map<string, string>;
  qrels: Map<string, Judgements>;
}

type FileReader = (name: string) => string;

function folderReader(dir: string): FileReader {
  return (name) => readFileSync(join(dir, name), "utf8");
}

/** A zip of the layout, with or without a top-level folder (BEIR's own zips have one). */
function zipReader(path: string): FileReader {
  const files = unzipSync(readFileSync(path));
  return (name) => {
    const key = Object.keys(files).find((k) => k === name || k.endsWith(`/${name}`));
    if (!key) throw new Error(`${name} is not in ${path}`);
    return strFromU8(files[key]!);
  };
}

function jsonLines(text: string, file: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new HearthError("BAD_ARGUMENT", `${file} line ${i + 1} is not JSON`);
      }
    });
}

export function loadBeir(path: string, split = "test"): BeirCollection {
  let read: FileReader;
  try {
    read = statSync(path).isDirectory() ? folderReader(path) : zipReader(path);
  } catch (err) {
    throw new HearthError(
      "BAD_ARGUMENT",
      `cannot read the dataset at ${path}: ${(err as Error).message}`,
    );
  }
  const corpus = jsonLines(read("corpus.jsonl"), "corpus.jsonl").map((d) => ({
    id: String(d._id),
    title: typeof d.title === "string" ? d.title : "",
    text: typeof d.text === "string" ? d.text : "",
  }));
  const queries = new Map(
    jsonLines(read("queries.jsonl"), "queries.jsonl").map((q) => [String(q._id), String(q.text)]),
  );
  const qrels = new Map<string, Map<string, number>>();
  for (const line of read(`qrels/${split}.tsv`).split("\n").slice(1)) {
    const [query, doc, grade] = line.trim().split("\t");
    if (!query || !doc || grade === undefined) continue;
    if (!qrels.has(query)) qrels.set(query, new Map());
    qrels.get(query)!.set(doc, Number(grade));
  }
  return { corpus, queries, qrels };
}
