// `npm run bench -- cli`: whole-process wall time of the shell commands against a running daemon,
// measured alternately with `node -e 0` (the floor) in the same rounds; and `hearth mcp` from spawn
// to the first tools/list answer — warm (daemon running), cold (none yet), four editors at once.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { writeTestModel } from "../scripts/test-model/bert-bag-of-words.js";
import { summarize } from "./synthetic.js";

const BIN = fileURLToPath(new URL("../dist/src/cli/bin.js", import.meta.url));
type Stats = { p50: number; p95: number; mean: number };

export interface CliBenchResult {
  files: number;
  rounds: number;
  floor: Stats;
  commands: { name: string; wall: Stats; toFloorP50: number }[];
  mcpWarm: { wall: Stats; peakRssMB: number };
  /** Measured in the same run by a bare node-llama-cpp process; what the cold starts include. */
  modelLoadMs: number;
  mcpCold: { wallMs: number; beyondModelMs: number };
  fourCold: { allAnsweredMs: number; beyondModelMs: number; daemons: number };
}

const COMMANDS: { name: string; args: string[] }[] = [
  { name: "status", args: ["status"] },
  { name: "search", args: ["search", "lease invoices topic7"] },
  { name: "table query", args: ["table", "query", "--category", "groceries"] },
];

function wall(args: string[], env: NodeJS.ProcessEnv): number {
  const t = performance.now();
  const result = spawnSync(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  const ms = performance.now() - t;
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed: ${String(result.stderr)}`);
  return ms;
}

function corpus(root: string, files: number): void {
  for (let i = 0; i < files; i++) {
    const dir = join(root, `d${i % 10}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, `n${i}.md`),
      `# Note ${i}\n\nAbout topic${i % 53}, the lease, invoices and plans for week ${i % 52}.\n`,
    );
  }
  const rows = ["Date,Description,Amount"];
  for (let m = 1; m <= 12; m++)
    rows.push(`2026-${String(m).padStart(2, "0")}-03,GROCER ${m},-4${m}.10`);
  writeFileSync(join(root, "statement.csv"), rows.join("\n") + "\n");
}

/** Peak resident memory of a live process, from Linux's /proc (null elsewhere). */
function peakRssMB(pid: number): number | null {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

/** Spawns `hearth mcp`, sends initialize + tools/list; resolves with the ms to that answer. */
function bridgeToToolsList(env: NodeJS.ProcessEnv): Promise<{ ms: number; child: ChildProcess }> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, "mcp"], { env, stdio: ["pipe", "pipe", "ignore"] });
  const send = (m: object) => child.stdin.write(JSON.stringify({ jsonrpc: "2.0", ...m }) + "\n");
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`hearth mcp exited (${code})`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const message = JSON.parse(line) as { id?: number };
      if (message.id === 1) {
        send({ method: "notifications/initialized" });
        send({ id: 2, method: "tools/list" });
      } else if (message.id === 2) resolve({ ms: performance.now() - started, child });
    });
    send({
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: "2025-11-25",
        capabilities: {},
        clientInfo: { name: "bench", version: "0" },
      },
    });
  });
}

async function closeBridge(child: ChildProcess): Promise<void> {
  child.removeAllListeners("exit");
  const exited = new Promise((r) => child.once("exit", r));
  child.stdin?.end();
  await exited;
}

// The model's own load time, as a bare process pays it: import node-llama-cpp, start llama.cpp (it
// checks its binary in a child process), load the weights, make an embedding context.
const RAW_LOAD = `
const t = performance.now();
const { getLlama, LlamaLogLevel } = await import(${JSON.stringify(import.meta.resolve("node-llama-cpp"))});
const llama = await getLlama({ gpu: false, build: "never", logLevel: LlamaLogLevel.error });
const model = await llama.loadModel({ modelPath: process.argv[2] });
await model.createEmbeddingContext({ contextSize: Math.min(model.trainContextSize, 8192), threads: 1 });
process.stdout.write(String(performance.now() - t));
`;

function rawModelLoadMs(model: string, dir: string): number {
  // A file, not -e: llama.cpp's binary check re-runs node with this process's exec arguments.
  const script = join(dir, "raw-load.mjs");
  writeFileSync(script, RAW_LOAD);
  const samples = [1, 2, 3].map(() => {
    const run = spawnSync(process.execPath, [script, model], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`raw model load failed: ${run.stderr}`);
    return Number(run.stdout);
  });
  return Math.round(summarize(samples).p50);
}

/** Daemon processes serving this HEARTH_HOME, from Linux's /proc. */
function runningDaemons(home: string): number {
  let count = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      const environ = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
      if (argv.includes("start") && environ.includes(`HEARTH_HOME=${home}`)) count++;
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return count;
}

export async function benchCli(
  options: { files?: number; rounds?: number; model?: string } = {},
): Promise<CliBenchResult> {
  const files = options.files ?? 150;
  const rounds = options.rounds ?? 30;
  const dir = mkdtempSync(join(tmpdir(), "hearth-bench-cli-"));
  const home = join(dir, "home");
  const env = { ...process.env, HEARTH_HOME: home };
  const stop = () => spawnSync(process.execPath, [BIN, "stop"], { env, stdio: "ignore" });
  try {
    const model = options.model ?? join(dir, "model.gguf");
    if (!options.model) writeTestModel(model);
    const root = join(dir, "notes");
    corpus(root, files);
    mkdirSync(home);
    writeFileSync(
      join(home, "config.json"),
      JSON.stringify({ roots: [root], embedding: { model, threads: 1 } }),
    );
    writeFileSync(join(home, "categories.txt"), "groceries: GROCER\n");
    wall([BIN, "start", "--detach"], env);
    while (
      !spawnSync(process.execPath, [BIN, "status"], { env, encoding: "utf8" }).stdout.includes(
        `${files + 1} indexed`,
      )
    )
      await new Promise((r) => setTimeout(r, 200));

    const floor: number[] = [];
    const samples = COMMANDS.map(() => [] as number[]);
    for (let r = 0; r < rounds; r++) {
      floor.push(wall(["-e", "0"], env));
      COMMANDS.forEach((c, i) => {
        samples[i]!.push(wall([BIN, ...c.args], env));
        floor.push(wall(["-e", "0"], env));
      });
    }
    const floorStats = summarize(floor);
    const commands = COMMANDS.map((c, i) => {
      const stats = summarize(samples[i]!);
      return {
        name: c.name,
        wall: stats,
        toFloorP50: Math.round((stats.p50 / floorStats.p50) * 100) / 100,
      };
    });

    const warm: number[] = [];
    let rss = 0;
    for (let r = 0; r < Math.min(rounds, 20); r++) {
      const { ms, child } = await bridgeToToolsList(env);
      warm.push(ms);
      rss = Math.max(rss, peakRssMB(child.pid!) ?? 0);
      await closeBridge(child);
    }

    const modelLoadMs = rawModelLoadMs(model, dir);
    stop();
    const cold = await bridgeToToolsList(env);
    const wallMs = Math.round(cold.ms);
    const mcpCold = { wallMs, beyondModelMs: wallMs - modelLoadMs };
    await closeBridge(cold.child);

    stop();
    const t = performance.now();
    const four = await Promise.all([1, 2, 3, 4].map(() => bridgeToToolsList(env)));
    const allAnsweredMs = Math.round(performance.now() - t);
    const daemons = runningDaemons(home);
    for (const b of four) await closeBridge(b.child);
    return {
      files,
      rounds,
      floor: floorStats,
      commands,
      mcpWarm: { wall: summarize(warm), peakRssMB: rss },
      modelLoadMs,
      mcpCold,
      fourCold: { allAnsweredMs, beyondModelMs: allAnsweredMs - modelLoadMs, daemons },
    };
  } finally {
    stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
