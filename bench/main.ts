// `npm run bench -- [cli|memory|search|index|embed|daemon|mcp|web|extract|tables|switch|faults|encryption|all] [--sizes 10000,100000] [--model PATH] [--kills 50] [--shape bge-small] [--texts 40] [--backlog 2000] [--out DIR] [--json]`
import { mkdirSync, writeFileSync } from "node:fs";
import { arch, cpus, platform, totalmem } from "node:os";
import { basename, join, resolve } from "node:path";
import { latencyChart } from "./chart.js";
import { benchBacklogSearch, type BacklogSearchResult } from "./backlog-search-bench.js";
import { benchCli, type CliBenchResult } from "./cli-bench.js";
import { benchDaemon, type DaemonBenchResult } from "./daemon-bench.js";
import { benchEmbed, type EmbedBenchResult } from "./embed-bench.js";
import { benchEncryption, type EncryptionBenchResult } from "./encryption-bench.js";
import { benchExtract, type ExtractKindResult } from "./extract-bench.js";
import { benchFaults, type FaultsBenchResult } from "./faults-bench.js";
import { benchMcp, type McpBenchResult } from "./mcp-bench.js";
import { benchWeb, type WebBenchResult } from "./web-bench.js";
import { benchMemory, type MemoryBenchResult } from "./memory-bench.js";
import { benchIndex, type IndexBenchResult } from "./index-bench.js";
import { benchSearch, type SearchBenchResult } from "./search-bench.js";
import { benchTables, type TablesBenchResult } from "./tables-bench.js";
import { benchSwitch, type SwitchBenchResult } from "./switch-bench.js";
import { SHAPES, shapedModelPath, type ShapeName } from "../scripts/test-model/shaped-models.js";

const SECTIONS = [
  "cli",
  "memory",
  "search",
  "index",
  "embed",
  "daemon",
  "mcp",
  "web",
  "extract",
  "tables",
  "switch",
  "faults",
  "encryption",
] as const;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function machine(): string {
  return `${cpus()[0]?.model ?? "unknown CPU"} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${arch()}, Node ${process.version}`;
}

function printEncryption(r: EncryptionBenchResult): void {
  console.log(
    `\nencryption at rest (SQLCipher 4 format), ${r.files} synthetic notes, ${r.rounds} rounds`,
  );
  console.log(
    `  index (keyword only): plain ${r.indexSeconds.plain} s, encrypted ${r.indexSeconds.encrypted} s — ×${r.indexSeconds.ratio}`,
  );
  console.log(
    `  index with embeddings (${r.embeddedIndex.files} notes, ${basename(r.embeddedIndex.model)}): plain ${r.embeddedIndex.plain} s, encrypted ${r.embeddedIndex.encrypted} s — ×${r.embeddedIndex.ratio}`,
  );
  console.log(
    `  keyword search, ${r.search.queries} queries: plain p50/p95 ${r.search.plain.p50}/${r.search.plain.p95} ms, encrypted ${r.search.encrypted.p50}/${r.search.encrypted.p95} ms — ×${r.search.ratioP50} / ×${r.search.ratioP95}`,
  );
  console.log(
    `  open: plain ${r.openMs.plain} ms, encrypted ${r.openMs.encrypted} ms (the passphrase's KDF)`,
  );
}

function printSearch(results: SearchBenchResult[]): void {
  console.log(
    `\nsearch latency (ms), ${results[0]?.queries ?? 0} natural-language queries, ${results[0]?.dims ?? 0} dims`,
  );
  console.log(
    "chunks   | keyword p50/p95 | semantic p50/p95 | hybrid p50/p95  | float vec0 p50/p95 | hybrid/float p95 | recall@10 | store writes chunks/s | RSS MB",
  );
  for (const r of results) {
    const m = r.modes;
    console.log(
      [
        String(r.chunks).padEnd(8),
        `${m.keyword.p50} / ${m.keyword.p95}`.padEnd(15),
        `${m.semantic.p50} / ${m.semantic.p95}`.padEnd(16),
        `${m.hybrid.p50} / ${m.hybrid.p95}`.padEnd(15),
        `${r.floatScan.p50} / ${r.floatScan.p95}`.padEnd(18),
        String(r.hybridToFloatScanP95).padEnd(16),
        String(r.semanticRecallAt10).padEnd(9),
        String(r.writeChunksPerSec).padEnd(21),
        String(r.peakRssMB),
      ].join(" | "),
    );
  }
}

function printIndex(r: IndexBenchResult): void {
  console.log(
    `\nindexing without embedding: ${r.files} markdown files, ${r.megabytes} MB, ${r.chunks} chunks`,
  );
  console.log(
    `  ${r.seconds} s — ${r.chunksPerSec} chunks/s, ${r.filesPerSec} files/s; unchanged re-index ${r.reindexUnchangedMs} ms; RSS ${r.peakRssMB} MB`,
  );
}

function printEmbed(r: EmbedBenchResult): void {
  console.log(`\nembedding with ${r.model}, ${r.texts} texts of ${r.tokensPerText} tokens`);
  console.log(`  ${"configuration".padEnd(44)}| chunks/s | tokens/s`);
  for (const c of r.raw) {
    const name = `raw: ${c.contexts} context(s) × ${c.threads} thread(s)${c.batchSize ? `, batch ${c.batchSize}` : ""}`;
    console.log(`  ${name.padEnd(44)}| ${String(c.chunksPerSec).padEnd(9)}| ${c.tokensPerSec}`);
  }
  console.log(
    `  ${"Hearth (median of 3 rounds)".padEnd(44)}| ${String(r.hearth.chunksPerSec).padEnd(9)}| ${r.hearth.tokensPerSec}`,
  );
  const q = r.queryMs;
  console.log(
    `  Hearth ÷ fastest raw: ${r.hearthToBestRaw}; query p50/p95 idle ${q.idle.p50}/${q.idle.p95} ms, while documents embed ${q.duringDocuments.p50}/${q.duringDocuments.p95} ms; RSS ${r.peakRssMB} MB`,
  );
}

function printBacklogSearch(r: BacklogSearchResult): void {
  console.log(
    `  hybrid MCP search, ${r.clients} clients × ${r.searches / r.clients} calls${r.thinkMs ? ` ~${r.thinkMs} ms apart` : " back to back"} while indexing (${r.pendingAtStart} → ${r.pendingAtEnd} of ${r.documents} files pending): p50/p95 ${r.latencyMs.p50}/${r.latencyMs.p95} ms, ${r.errors} errors`,
  );
}

function printDaemon(r: DaemonBenchResult): void {
  console.log(`\ndaemon (debounce ${r.debounceMs} ms)`);
  console.log(
    `  save → searchable (keyword) p50/p95: ${Math.round(r.saveToSearchableMs.p50)} / ${Math.round(r.saveToSearchableMs.p95)} ms`,
  );
  console.log(`  burst of ${r.burst.files} new files converged in ${r.burst.seconds} s`);
  console.log(
    `  restart over ${r.restart.files} unchanged files: ${r.restart.seconds} s, ${r.restart.embeddedAfterRestart} texts re-embedded`,
  );
  console.log(
    `  idle CPU watching them over ${r.idle.seconds} s: ${r.idle.cpuPercent}% of one core; peak RSS ${r.peakRssMB} MB`,
  );
}

function printCli(r: CliBenchResult): void {
  const ms = (x: { p50: number; p95: number }) => `${x.p50} / ${x.p95} ms`;
  console.log(
    `\nshell commands against a running daemon, whole-process wall p50 / p95 (${r.files} files, ${r.rounds} rounds, alternating with node -e 0)`,
  );
  console.log(`  ${"node -e 0".padEnd(12)} ${ms(r.floor)}`);
  for (const c of r.commands)
    console.log(`  ${c.name.padEnd(12)} ${ms(c.wall)}  (×${c.toFloorP50} of node -e 0 p50)`);
  console.log(
    `hearth mcp, spawn → first tools/list answered:\n  warm ${ms(r.mcpWarm.wall)}, bridge peak RSS ${r.mcpWarm.peakRssMB} MB`,
  );
  console.log(
    `  cold (no daemon): ${r.mcpCold.wallMs} ms = the model's own load ${r.modelLoadMs} ms (a bare node-llama-cpp process) + ${r.mcpCold.beyondModelMs} ms`,
  );
  console.log(
    `  four editors at once from cold: all answered in ${r.fourCold.allAnsweredMs} ms = model load + ${r.fourCold.beyondModelMs} ms; ${r.fourCold.daemons} daemon(s)`,
  );
}

function printMemory(r: MemoryBenchResult): void {
  const s = r.steady;
  console.log(
    `\ndaemon memory watching ${r.files} files in ${r.folders} folders (keyword mode; a bare node process: ${r.nodeBaselineMB} MB)`,
  );
  console.log(
    `  first index: ${r.indexing.seconds} s, peak resident ${r.indexing.peakResidentMB} MB`,
  );
  console.log(
    `  after a restart over them (${s.restartSeconds} s): resident ${s.residentMB} MB (peak ${s.peakResidentMB}), of which mapped files ${s.fileBackedMB ?? "?"} MB; JS heap ${s.heapUsedMB} used of ${s.heapTotalMB} MB; external ${s.externalMB} MB; ${s.watchedFolders} folder watches`,
  );
  console.log(
    `  idle CPU: ${r.idle.steadyPercent}% of one core in the steady state, ${r.idle.settlingPercent}% in the first minute after a restart (each 5 s of ${r.idle.seconds} s: ${r.idle.windows.join(", ")} %)`,
  );
}

function printWeb(r: WebBenchResult): void {
  const ms = (s: { p50: number; p95: number }) =>
    `p50 ${s.p50.toFixed(1)} / p95 ${s.p95.toFixed(1)} ms`;
  console.log(`\nweb page, ${r.chunks} chunks indexed`);
  console.log(
    `  first load to the search box drawn (${r.firstLoad.loads} cold contexts): ${ms(r.firstLoad.page)}; a bare page from node:http ${ms(r.firstLoad.barePage)} — ×${(r.firstLoad.page.p50 / r.firstLoad.barePage.p50).toFixed(2)}`,
  );
  for (const mode of ["keyword", "hybrid"] as const) {
    const m = r.search[mode];
    console.log(
      `  ${mode} search, ${r.search.queries} queries: over HTTP ${ms(m.http)}, in-process ${ms(m.inProcess)} — ×${(m.http.p50 / m.inProcess.p50).toFixed(2)}; server time ${ms(m.serverMs)}`,
    );
  }
  const files = Object.entries(r.bundle.files)
    .map(([f, n]) => `${f} ${(n / 1024).toFixed(1)} KB`)
    .join(", ");
  console.log(`  download, gzipped: ${(r.bundle.gzippedBytes / 1024).toFixed(1)} KB (${files})`);
}

function printMcp(r: McpBenchResult): void {
  const row = (name: string, x: { p50: number; p95: number }) =>
    `  ${name.padEnd(11)} ${x.p50} / ${x.p95} ms`;
  console.log(
    `\nMCP tools/call search round trip, p50 / p95 (${r.files} files, ${r.queries} queries)`,
  );
  console.log("idle:");
  console.log(row("in-process", r.idle.inProcess));
  console.log(row("stdio", r.idle.stdio) + `  (×${r.idle.stdioRatioP50} of in-process p50)`);
  console.log(row("http", r.idle.http) + `  (×${r.idle.httpRatioP50})`);
  console.log(`during a backlog (${r.backlog.pendingAtStart} files pending at the start):`);
  console.log(row("in-process", r.backlog.inProcess));
  console.log(row("stdio", r.backlog.stdio));
  console.log(row("http", r.backlog.http));
}

function printExtract(rows: ExtractKindResult[], dir: string): void {
  console.log(
    `\nextraction throughput over ${dir} (worker thread, limits on; files that fail are left out)`,
  );
  console.log("kind  | files | extracted | MB    | s     | MB/s");
  for (const r of rows) {
    console.log(
      `${r.kind.padEnd(5)} | ${String(r.files).padEnd(5)} | ${String(r.extracted).padEnd(9)} | ${String(r.megabytes).padEnd(5)} | ${String(r.seconds).padEnd(5)} | ${r.mbPerSec}`,
    );
  }
}

function printTables(r: TablesBenchResult): void {
  console.log(
    `\nstatements: ${r.files} CSV files, ${r.transactions} transactions (US and European styles)`,
  );
  console.log(
    `  indexed (no embedding) in ${r.indexSeconds} s — ${r.rowsPerSec} rows/s; RSS ${r.peakRssMB} MB`,
  );
  for (const [name, ms] of Object.entries(r.queriesMs)) {
    console.log(`  ${name.padEnd(30)} p50 / p95 ${ms.p50} / ${ms.p95} ms`);
  }
}

function printSwitch(r: SwitchBenchResult): void {
  console.log(`\nmodel switch (test model, 64d → 32d, 1 thread), ${r.chunks} chunks`);
  console.log(
    `  re-embedded and swapped in ${r.switchSeconds} s — ${r.chunksPerSec} chunks/s; slowest search meanwhile ${r.searchDuringMsMax} ms`,
  );
  console.log(
    `  switching back: ${r.switchBackSeconds} s, ${r.embeddedSwitchingBack} texts through the model (the rest from its cache)`,
  );
}

function printFaults(r: FaultsBenchResult): void {
  console.log(
    `\nfaults: kill -9 at ${r.kills} random moments while indexing ${r.files} files (edits, renames, deletes)`,
  );
  console.log(`  converged and sound after ${r.converged} of ${r.kills} restarts`);
  for (const f of r.failures) console.log(`  ${f}`);
  const c = r.concurrent;
  console.log(
    `  ${c.searches} concurrent MCP searches during a backlog of ${c.pendingAtStart} files: ${c.errors} errors, ${c.busy} SQLITE_BUSY`,
  );
}

const asked = process.argv
  .slice(2)
  .filter((a, i, all) => !a.startsWith("--") && !all[i - 1]?.startsWith("--"));
const wanted = asked.length === 0 || asked.includes("all") ? [...SECTIONS] : asked;
for (const s of wanted) {
  if (!(SECTIONS as readonly string[]).includes(s)) {
    console.error(`unknown section ${JSON.stringify(s)}; use one of: ${SECTIONS.join(", ")}, all`);
    process.exit(2);
  }
}
const json = process.argv.includes("--json");
const sizes = (option("--sizes") ?? "10000,30000,100000").split(",").map(Number);
const out = resolve(option("--out") ?? ".bench-out");
const report: Record<string, unknown> = { machine: machine(), date: new Date().toISOString() };

if (wanted.includes("search")) {
  const results: SearchBenchResult[] = [];
  for (const n of sizes) {
    console.error(`search: building a ${n}-chunk store…`);
    results.push(await benchSearch(n));
  }
  report.search = results;
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "search-latency.svg"), latencyChart(results, machine().split(",")[0]!));
  if (!json) printSearch(results);
}
if (wanted.includes("cli")) {
  console.error("cli: starting a daemon and timing the commands…");
  report.cli = await benchCli({
    rounds: Number(option("--rounds") ?? 30),
    ...(option("--model") ? { model: resolve(option("--model")!) } : {}),
  });
  if (!json) printCli(report.cli as CliBenchResult);
}
if (wanted.includes("memory")) {
  report.memory = await benchMemory(
    Number(option("--files") ?? 100_000),
    Number(option("--folders") ?? 1000),
    Number(option("--idle-seconds") ?? 120),
  );
  if (!json) printMemory(report.memory as MemoryBenchResult);
}
if (wanted.includes("encryption")) {
  console.error("encryption: indexing and searching plain and encrypted indexes, alternating…");
  const shape = (option("--shape") ?? "bge-small") as ShapeName;
  const r = await benchEncryption(
    option("--model") ? resolve(option("--model")!) : shapedModelPath(shape),
  );
  report.encryption = r;
  if (!json) printEncryption(r);
}

if (wanted.includes("index")) {
  console.error("index: writing and indexing synthetic notes…");
  report.index = await benchIndex();
  if (!json) printIndex(report.index as IndexBenchResult);
}
if (wanted.includes("embed")) {
  const shape = (option("--shape") ?? "bge-small") as ShapeName;
  if (!(shape in SHAPES)) {
    console.error(`unknown --shape ${shape}; use one of: ${Object.keys(SHAPES).join(", ")}`);
    process.exit(2);
  }
  console.error(
    `embed: ${option("--model") ? "loading the model" : `generating the ${shape} model`}…`,
  );
  const modelPath = option("--model") ? resolve(option("--model")!) : shapedModelPath(shape);
  report.embed = await benchEmbed(modelPath, Number(option("--texts") ?? 40));
  if (!json) printEmbed(report.embed as EmbedBenchResult);
  const backlog = Number(option("--backlog") ?? 2000);
  if (backlog > 0) {
    console.error(`embed: searching from 10 clients while the daemon embeds ${backlog} documents…`);
    const results: BacklogSearchResult[] = [];
    for (const thinkMs of [0, 500])
      results.push(await benchBacklogSearch(modelPath, backlog, 10, thinkMs));
    report.backlogSearch = results;
    if (!json) results.forEach(printBacklogSearch);
  }
}
if (wanted.includes("daemon")) {
  const files = Number(option("--files") ?? 100_000);
  report.daemon = await benchDaemon(
    files,
    Math.min(10_000, files),
    Number(option("--idle-seconds") ?? 60),
  );
  if (!json) printDaemon(report.daemon as DaemonBenchResult);
}
if (wanted.includes("mcp")) {
  console.error("mcp: indexing notes and connecting clients…");
  report.mcp = await benchMcp();
  if (!json) printMcp(report.mcp as McpBenchResult);
}
if (wanted.includes("web")) {
  console.error("web: indexing 10k chunks, then loading the page and searching over HTTP…");
  report.web = await benchWeb(Number(option("--chunks") ?? 10_000));
  if (!json) printWeb(report.web as WebBenchResult);
}
if (wanted.includes("extract")) {
  const dir = resolve(option("--dir") ?? "../shared/data/docs");
  console.error(`extract: ${dir}…`);
  report.extract = await benchExtract(dir);
  if (!json) printExtract(report.extract as ExtractKindResult[], dir);
}
if (wanted.includes("tables")) {
  console.error("tables: writing and indexing synthetic statements…");
  report.tables = await benchTables();
  if (!json) printTables(report.tables as TablesBenchResult);
}
if (wanted.includes("switch")) {
  console.error("switch: indexing notes, then switching models…");
  report.switch = await benchSwitch();
  if (!json) printSwitch(report.switch as SwitchBenchResult);
}
if (wanted.includes("faults")) {
  console.error("faults: killing the daemon while it indexes…");
  report.faults = await benchFaults(3000, Number(option("--kills") ?? 50));
  if (!json) printFaults(report.faults as FaultsBenchResult);
}
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "bench.json"), JSON.stringify(report, null, 2));
if (json) console.log(JSON.stringify(report, null, 2));
else console.log(`\nmachine: ${report.machine as string}\nwritten: ${join(out, "bench.json")}`);
