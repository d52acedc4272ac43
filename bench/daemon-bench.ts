// `npm run bench -- daemon`: save→searchable latency, burst convergence, restart over unchanged files, idle CPU.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Daemon } from "../src/daemon/daemon.js";
import { openHearth, type Hearth } from "../src/hearth.js";
import { silentLogger } from "../src/log.js";
import { writeTestModel } from "../scripts/test-model/bert-bag-of-words.js";
import { summarize } from "./synthetic.js";

export interface DaemonBenchResult {
  saveToSearchableMs: { p50: number; p95: number; mean: number };
  debounceMs: number;
  burst: { files: number; seconds: number };
  restart: { files: number; seconds: number; embeddedAfterRestart: number };
  idle: { seconds: number; cpuPercent: number };
  peakRssMB: number;
}

function writeFiles(root: string, n: number, prefix: string): void {
  for (let d = 0; d < Math.ceil(n / 100); d++)
    mkdirSync(join(root, `${prefix}${d}`), { recursive: true });
  for (let i = 0; i < n; i++) {
    writeFileSync(
      join(root, `${prefix}${Math.floor(i / 100)}`, `n${i}.md`),
      `Note ${i} on item${i % 997} and thing${i % 89}.\n`,
    );
  }
}

async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 2,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function open(home: string): Promise<Hearth> {
  return openHearth({ log: silentLogger, env: { ...process.env, HEARTH_HOME: home } });
}

export async function benchDaemon(
  restartFiles = 100_000,
  burstFiles = 10_000,
  idleSeconds = 60,
): Promise<DaemonBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "hearth-bench-daemon-"));
  let peakRss = 0;
  const rss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
  try {
    const model = join(dir, "model.gguf");
    writeTestModel(model);
    const root = join(dir, "notes");
    const home = join(dir, "home");
    mkdirSync(root);
    mkdirSync(home);
    const debounceMs = 300;
    writeFileSync(
      join(home, "config.json"),
      JSON.stringify({ roots: [root], embedding: { model, threads: 1 }, index: { debounceMs } }),
    );
    console.error(`daemon: writing ${restartFiles} small files…`);
    writeFiles(root, restartFiles, "base");

    // First start indexes everything (setup, not measured).
    let hearth = await open(home);
    let daemon = await Daemon.start(hearth, silentLogger);
    await daemon.settled();
    rss();

    // Save → searchable, keyword mode (the model's time excluded; the debounce included).
    const latencies: number[] = [];
    for (let i = 0; i < 40; i++) {
      const word = `zqx${i}marker`;
      const t = performance.now();
      writeFileSync(join(root, `saved-${i}.md`), `Fresh note with ${word}.\n`);
      await until(async () => {
        const r = await hearth.searcher.search({
          query: word,
          mode: "keyword",
          limit: 1,
          filters: {},
          chunksPerFile: 1,
        });
        return r.results.length > 0;
      }, 10_000);
      latencies.push(performance.now() - t);
    }

    // A burst of new files, all at once.
    const before = hearth.store.counts().files + hearth.store.counts().failed;
    let t = performance.now();
    writeFiles(root, burstFiles, "burst");
    // Poll gently: the daemon shares this thread, and counting rows is not free at 100k files.
    const files = () => hearth.store.counts();
    await until(() => files().files + files().failed === before + burstFiles, 900_000, 250);
    await daemon.settled();
    const burstSeconds = (performance.now() - t) / 1000;
    rss();

    // Idle CPU while watching everything.
    console.error(`daemon: measuring idle CPU for ${idleSeconds} s…`);
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const cpu = process.cpuUsage(cpu0);
    const idleCpu = ((cpu.user + cpu.system) / 1000 / (performance.now() - wall0)) * 100;
    await daemon.stop();

    // Restart over unchanged files: stat and plan only, nothing re-read or re-embedded.
    t = performance.now();
    hearth = await open(home);
    daemon = await Daemon.start(hearth, silentLogger);
    await daemon.settled();
    const restartSeconds = (performance.now() - t) / 1000;
    const embeddedAfterRestart = hearth.model.current?.embeddedCount ?? 0;
    const total = hearth.store.counts().files;
    rss();
    await daemon.stop();

    return {
      saveToSearchableMs: summarize(latencies),
      debounceMs,
      burst: { files: burstFiles, seconds: Math.round(burstSeconds * 10) / 10 },
      restart: {
        files: total,
        seconds: Math.round(restartSeconds * 10) / 10,
        embeddedAfterRestart,
      },
      idle: { seconds: idleSeconds, cpuPercent: Math.round(idleCpu * 100) / 100 },
      peakRssMB: Math.round(peakRss / 1e6),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
