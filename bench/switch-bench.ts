// `npm run bench -- switch`: `hearth models use` on an indexed store — re-embedding with the next model,
// the atomic swap, and switching back, which the embedding cache makes nearly free.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LlamaEmbedder } from "../src/embed/llama-embedder.js";
import { openHearth } from "../src/hearth.js";
import { silentLogger } from "../src/log.js";
import { indexRoot } from "../src/pipeline/index-root.js";
import { reembedForSwitch } from "../src/pipeline/reembed-for-switch.js";
import { writeTestModel } from "../scripts/test-model/bert-bag-of-words.js";
import { seededRandom, vocabulary } from "./synthetic.js";

export interface SwitchBenchResult {
  chunks: number;
  switchSeconds: number;
  chunksPerSec: number;
  /** The slowest search answered while the switch ran (it keeps using the old vectors). */
  searchDuringMsMax: number;
  switchBackSeconds: number;
  embeddedSwitchingBack: number;
}

async function switchTo(
  hearth: Awaited<ReturnType<typeof openHearth>>,
  modelPath: string,
  onBatch: () => Promise<void>,
): Promise<{ seconds: number; embedded: number }> {
  const embedder = await LlamaEmbedder.load({
    modelPath,
    gpu: false,
    threads: 1,
    log: silentLogger,
  });
  const start = performance.now();
  hearth.store.vectors.beginSwitch({ ...embedder.info, modelPath });
  const embedded = await reembedForSwitch(hearth.store, embedder, {
    onProgress: () => void onBatch(),
    onSwitched: () => void hearth.model.swap(embedder)?.close(),
  });
  return { seconds: (performance.now() - start) / 1000, embedded };
}

export async function benchSwitch(files = 3000): Promise<SwitchBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "hearth-bench-switch-"));
  try {
    const random = seededRandom(5);
    const words = vocabulary(3000, random);
    const root = join(dir, "notes");
    mkdirSync(root);
    for (let f = 0; f < files; f++) {
      const text = Array.from(
        { length: 60 },
        () => words[Math.floor(random() * words.length)],
      ).join(" ");
      writeFileSync(join(root, `n${f}.md`), `# Note ${f}\n\n${text}\n`);
    }
    const modelA = join(dir, "a.gguf");
    const modelB = join(dir, "b.gguf");
    writeTestModel(modelA);
    writeTestModel(modelB, { dimensions: 32, seed: 7 });
    const home = join(dir, "home");
    mkdirSync(home);
    writeFileSync(
      join(home, "config.json"),
      JSON.stringify({ embedding: { model: modelA, threads: 1 } }),
    );
    const hearth = await openHearth({
      log: silentLogger,
      env: { ...process.env, HEARTH_HOME: home },
    });
    try {
      await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
      let slowest = 0;
      const search = async () => {
        const t = performance.now();
        await hearth.searcher.search({
          query: words.slice(0, 3).join(" "),
          mode: "hybrid",
          limit: 10,
          filters: {},
          chunksPerFile: 1,
        });
        slowest = Math.max(slowest, performance.now() - t);
      };
      const there = await switchTo(hearth, modelB, search);
      const back = await switchTo(hearth, modelA, async () => {});
      const chunks = hearth.store.counts().chunks;
      return {
        chunks,
        switchSeconds: Math.round(there.seconds * 100) / 100,
        chunksPerSec: Math.round(chunks / there.seconds),
        searchDuringMsMax: Math.round(slowest * 10) / 10,
        switchBackSeconds: Math.round(back.seconds * 100) / 100,
        embeddedSwitchingBack: back.embedded,
      };
    } finally {
      await hearth.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
