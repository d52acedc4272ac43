// `npm run bench -- encryption`: what encryption at rest costs. The same synthetic notes indexed
// into a plain and an encrypted index, rounds alternating — keyword only (the store's share of the
// work alone, where a cipher shows most), then with a model of a real shape embedding them (what a
// user's indexing is); then keyword searches against both, interleaved.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openHearth, type Hearth } from "../src/hearth.js";
import { silentLogger } from "../src/log.js";
import { indexRoot } from "../src/pipeline/index-root.js";
import { rewriteIndex } from "../src/store/cipher.js";
import { writeSyntheticNotes } from "./index-bench.js";
import { seededRandom, summarize } from "./synthetic.js";

const PASSPHRASE = "bench passphrase";

export interface EncryptionBenchResult {
  files: number;
  rounds: number;
  indexSeconds: { plain: number; encrypted: number; ratio: number };
  /** Indexing with embeddings, on fewer notes. */
  embeddedIndex: { files: number; model: string; plain: number; encrypted: number; ratio: number };
  search: {
    queries: number;
    plain: { p50: number; p95: number };
    encrypted: { p50: number; p95: number };
    ratioP50: number;
    ratioP95: number;
  };
  openMs: { plain: number; encrypted: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

async function open(
  home: string,
  encrypted: boolean,
  loadModel = false,
): Promise<{ hearth: Hearth; ms: number }> {
  const env = {
    ...process.env,
    HEARTH_HOME: home,
    ...(encrypted ? { HEARTH_KEY: PASSPHRASE } : {}),
  };
  delete (env as Record<string, string | undefined>).HEARTH_KEY_FILE;
  const t = performance.now();
  const hearth = await openHearth({ log: silentLogger, env, loadModel });
  return { hearth, ms: performance.now() - t };
}

/** A fresh, empty index in `home`, encrypted when asked. */
async function freshHome(
  dir: string,
  name: string,
  encrypted: boolean,
  modelPath?: string,
): Promise<string> {
  const home = join(dir, name);
  mkdirSync(home);
  if (modelPath)
    writeFileSync(join(home, "config.json"), JSON.stringify({ embedding: { model: modelPath } }));
  const { hearth } = await open(home, false);
  await hearth.close();
  if (encrypted)
    rewriteIndex(join(home, "index.sqlite"), null, { passphrase: PASSPHRASE, source: "bench" });
  return home;
}

/** Median seconds to index `root` into fresh plain and encrypted homes, rounds alternating. */
async function indexRounds(
  dir: string,
  root: string,
  rounds: number,
  modelPath?: string,
): Promise<{ plain: number; encrypted: number; homes: { plain: string; encrypted: string } }> {
  const seconds = { plain: [] as number[], encrypted: [] as number[] };
  const homes = { plain: "", encrypted: "" };
  for (let r = 0; r < rounds; r++) {
    const order =
      r % 2 === 0 ? (["plain", "encrypted"] as const) : (["encrypted", "plain"] as const);
    for (const kind of order) {
      const name = `${kind}-${modelPath ? "model-" : ""}${r}`;
      const home = await freshHome(dir, name, kind === "encrypted", modelPath);
      const { hearth } = await open(home, kind === "encrypted", modelPath !== undefined);
      const t = performance.now();
      await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
      seconds[kind].push((performance.now() - t) / 1000);
      await hearth.close();
      homes[kind] = home;
    }
  }
  return { plain: median(seconds.plain), encrypted: median(seconds.encrypted), homes };
}

export async function benchEncryption(
  modelPath: string,
  files = 1000,
  rounds = 3,
  embeddedFiles = 40,
): Promise<EncryptionBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "hearth-bench-cipher-"));
  try {
    const root = join(dir, "notes");
    writeSyntheticNotes(root, files);
    const keyword = await indexRounds(dir, root, rounds);
    const homes = keyword.homes;
    const few = join(dir, "few");
    writeSyntheticNotes(few, embeddedFiles);
    const embedded = await indexRounds(dir, few, 2, modelPath);
    const plain = await open(homes.plain, false);
    const encrypted = await open(homes.encrypted, true);
    // Queries of words the notes hold: titles' first words, sampled.
    const random = seededRandom(11);
    const titles = plain.hearth.store.catalog
      .list({}, 5000, 0)
      .map((f) => f.title.split(" ")[0] ?? "")
      .filter((w) => w.length > 2);
    const queries = Array.from(
      { length: 300 },
      () =>
        `${titles[Math.floor(random() * titles.length)]} ${titles[Math.floor(random() * titles.length)]}`,
    );
    const times = { plain: [] as number[], encrypted: [] as number[] };
    const search = async (h: Hearth, query: string) => {
      const t = performance.now();
      await h.searcher.search({ query, mode: "keyword", limit: 10, filters: {}, chunksPerFile: 1 });
      return performance.now() - t;
    };
    for (const q of queries.slice(0, 30)) {
      await search(plain.hearth, q);
      await search(encrypted.hearth, q);
    }
    for (let i = 0; i < queries.length; i++) {
      const q = queries[i]!;
      if (i % 2 === 0) {
        times.plain.push(await search(plain.hearth, q));
        times.encrypted.push(await search(encrypted.hearth, q));
      } else {
        times.encrypted.push(await search(encrypted.hearth, q));
        times.plain.push(await search(plain.hearth, q));
      }
    }
    await plain.hearth.close();
    await encrypted.hearth.close();
    const p = summarize(times.plain);
    const e = summarize(times.encrypted);
    return {
      files,
      rounds,
      indexSeconds: {
        plain: round(keyword.plain),
        encrypted: round(keyword.encrypted),
        ratio: round(keyword.encrypted / keyword.plain),
      },
      embeddedIndex: {
        files: embeddedFiles,
        model: modelPath,
        plain: round(embedded.plain),
        encrypted: round(embedded.encrypted),
        ratio: round(embedded.encrypted / embedded.plain),
      },
      search: {
        queries: queries.length,
        plain: { p50: round(p.p50), p95: round(p.p95) },
        encrypted: { p50: round(e.p50), p95: round(e.p95) },
        ratioP50: round(e.p50 / p.p50),
        ratioP95: round(e.p95 / p.p95),
      },
      openMs: { plain: Math.round(plain.ms), encrypted: Math.round(encrypted.ms) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
