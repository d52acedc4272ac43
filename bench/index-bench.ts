// `npm run bench -- index`: the whole pipeline without embedding (scan, read, chunk, FTS, store) on synthetic notes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openHearth } from "../src/hearth.js";
import { silentLogger } from "../src/log.js";
import { indexRoot } from "../src/pipeline/index-root.js";
import { STOP_WORDS } from "../src/search/stop-words.js";
import { seededRandom, vocabulary, zipfSampler } from "./synthetic.js";

export interface IndexBenchResult {
  files: number;
  chunks: number;
  megabytes: number;
  seconds: number;
  chunksPerSec: number;
  filesPerSec: number;
  reindexUnchangedMs: number;
  peakRssMB: number;
}

function note(random: () => number, word: () => string, sections: number): string {
  const out = [`# ${word()} ${word()}`];
  for (let s = 0; s < sections; s++) {
    out.push("", `## ${word()} ${word()}`, "");
    for (let p = 0; p < 3; p++) {
      const sentences = Array.from({ length: 4 + Math.floor(random() * 4) }, () => {
        const w = Array.from({ length: 8 + Math.floor(random() * 10) }, word).join(" ");
        return w.charAt(0).toUpperCase() + w.slice(1) + ".";
      });
      out.push(sentences.join(" "), "");
    }
  }
  return out.join("\n");
}

/** Writes `files` synthetic markdown notes (Zipf words, sections, stop words) under `root`; their bytes. */
export function writeSyntheticNotes(root: string, files: number): number {
  const random = seededRandom(3);
  const words = vocabulary(20000, random);
  const stop = [...STOP_WORDS];
  const zipf = zipfSampler(words.length, random, 100);
  const word = () => (random() < 0.45 ? stop[Math.floor(random() * stop.length)]! : words[zipf()]!);
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    const sub = join(root, `folder${i % 20}`);
    if (i < 20) mkdirSync(sub, { recursive: true });
    const text = note(random, word, 2 + (i % 4));
    bytes += Buffer.byteLength(text);
    writeFileSync(join(sub, `note-${i}.md`), text);
  }
  return bytes;
}

export async function benchIndex(files = 2000): Promise<IndexBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "hearth-bench-index-"));
  try {
    const root = join(dir, "notes");
    const bytes = writeSyntheticNotes(root, files);
    const home = join(dir, "home");
    mkdirSync(home);
    const hearth = await openHearth({
      log: silentLogger,
      env: { ...process.env, HEARTH_HOME: home },
    });
    let t = performance.now();
    await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
    const seconds = (performance.now() - t) / 1000;
    const chunks = hearth.store.counts().chunks;
    t = performance.now();
    await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
    const reindexUnchangedMs = Math.round(performance.now() - t);
    await hearth.close();
    return {
      files,
      chunks,
      megabytes: Math.round(bytes / 1e5) / 10,
      seconds: Math.round(seconds * 100) / 100,
      chunksPerSec: Math.round(chunks / seconds),
      filesPerSec: Math.round(files / seconds),
      reindexUnchangedMs,
      peakRssMB: Math.round(process.memoryUsage().rss / 1e6),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
