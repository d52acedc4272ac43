// `npm run bench -- memory [--files 100000] [--folders 1000] [--idle-seconds 120]`: a real daemon
// (the built `hearth start`) watching many files: its resident memory while indexing them, after a
// restart over them (the steady state), where it goes, and its CPU while idle. Keyword mode: the
// model's own memory is measured by the embed section (its weights are mapped from the file).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { StatusResult } from "../src/service/ops/status.js";

/** The first minute after "idle" (12 windows of 5 s) is settling, not the steady state. */
const SETTLING_WINDOWS = 12;

const BIN = fileURLToPath(new URL("../dist/src/cli/bin.js", import.meta.url));

export interface MemoryBenchResult {
  files: number;
  folders: number;
  /** A bare `node` process's resident memory, measured in the same run. */
  nodeBaselineMB: number;
  indexing: { seconds: number; peakResidentMB: number };
  steady: {
    residentMB: number;
    peakResidentMB: number;
    fileBackedMB: number | null;
    heapUsedMB: number;
    heapTotalMB: number;
    externalMB: number;
    watchedFolders: number;
    restartSeconds: number;
  };
  /**
   * CPU in each 5 s window after the daemon said "idle". The first minute holds a one-off settling
   * (V8 compacting the heap the restart's reconcile left); the steady state is what follows.
   */
  idle: { seconds: number; settlingPercent: number; steadyPercent: number; windows: number[] };
}

function procStatus(pid: number, key: string): number {
  const kb = new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(
    readFileSync(`/proc/${pid}/status`, "utf8"),
  )?.[1];
  return Math.round(Number(kb ?? 0) / 1024);
}

/** user + system CPU seconds of a process so far, from /proc/PID/stat. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ)
}

function status(env: NodeJS.ProcessEnv): StatusResult {
  const run = spawnSync(process.execPath, [BIN, "status", "--json"], { env, encoding: "utf8" });
  return JSON.parse(run.stdout) as StatusResult;
}

function daemonPid(home: string): number {
  return Number(readFileSync(join(home, "daemon.pid"), "utf8").trim());
}

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

function nodeBaselineMB(): number {
  const run = spawnSync(
    process.execPath,
    ["-e", "setTimeout(() => console.log(process.memoryUsage().rss), 500)"],
    { encoding: "utf8" },
  );
  return Math.round(Number(run.stdout) / 2 ** 20);
}

export async function benchMemory(
  files = 100_000,
  folders = 1000,
  idleSeconds = 120,
): Promise<MemoryBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "hearth-bench-memory-"));
  const home = join(dir, "home");
  const root = join(dir, "notes");
  const env = { ...process.env, HEARTH_HOME: home };
  const hearth = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { env, encoding: "utf8" });
  try {
    mkdirSync(home);
    console.error(`memory: writing ${files} files in ${folders} folders…`);
    for (let d = 0; d < folders; d++) mkdirSync(join(root, `f${d}`), { recursive: true });
    for (let i = 0; i < files; i++) {
      writeFileSync(
        join(root, `f${i % folders}`, `n${i}.md`),
        `Note ${i} on item${i % 997} and thing${i % 89}, kept for the memory benchmark.\n`,
      );
    }
    writeFileSync(join(home, "config.json"), JSON.stringify({ roots: [root] }));

    console.error("memory: first start, indexing everything…");
    let t = performance.now();
    if (hearth("start", "--detach").status !== 0) throw new Error("the daemon did not start");
    let pid = daemonPid(home);
    while (status(env).files < files) await sleep(1000);
    while (status(env).daemon?.activity !== "idle") await sleep(500);
    const indexing = {
      seconds: Math.round((performance.now() - t) / 100) / 10,
      peakResidentMB: procStatus(pid, "VmHWM"),
    };
    hearth("stop");

    console.error("memory: restart over the unchanged files…");
    t = performance.now();
    hearth("start", "--detach");
    pid = daemonPid(home);
    while (status(env).daemon?.activity !== "idle") await sleep(200);
    const restartSeconds = Math.round((performance.now() - t) / 100) / 10;
    console.error(`memory: idle for ${idleSeconds} s…`);
    const cpu0 = cpuSeconds(pid);
    const windows: number[] = [];
    for (let last = cpu0, w = 0; w < Math.ceil(idleSeconds / 5); w++) {
      await sleep(5000);
      const now = cpuSeconds(pid);
      windows.push(Math.round(((now - last) / 5) * 10_000) / 100);
      last = now;
    }
    const mean = (w: number[]) =>
      Math.round((w.reduce((a, b) => a + b, 0) / Math.max(1, w.length)) * 100) / 100;
    const settling = windows.slice(0, SETTLING_WINDOWS);
    const steadyWindows = windows.slice(SETTLING_WINDOWS);
    const daemon = status(env).daemon!;
    const steady = {
      ...daemon.memory,
      residentMB: procStatus(pid, "VmRSS"),
      peakResidentMB: procStatus(pid, "VmHWM"),
      watchedFolders: daemon.watchedFolders,
      restartSeconds,
    };
    return {
      files,
      folders,
      nodeBaselineMB: nodeBaselineMB(),
      indexing,
      steady,
      idle: {
        seconds: windows.length * 5,
        settlingPercent: mean(settling),
        steadyPercent: mean(steadyWindows),
        windows,
      },
    };
  } finally {
    hearth("stop");
    rmSync(dir, { recursive: true, force: true });
  }
}
