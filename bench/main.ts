// `npm run bench -- [search] [--sizes 10000,100000] [--json]`: benchmarks with fixed seeds.
import { arch, cpus, platform } from "node:os";
import { benchSearch, type SearchBenchResult } from "./search-bench.js";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function machine(): string {
  return `${cpus()[0]?.model ?? "unknown CPU"} × ${cpus().length}, ${platform()} ${arch()}, Node ${process.version}`;
}

function printSearch(results: SearchBenchResult[]): void {
  console.log(
    `search latency (ms), ${results[0]?.queries ?? 0} natural-language queries, ${results[0]?.dims ?? 0} dims`,
  );
  console.log(
    "chunks   | keyword p50/p95 | semantic p50/p95 | hybrid p50/p95 | float vec0 p50/p95 | hybrid/float p95 | recall@10 | write chunks/s",
  );
  for (const r of results) {
    const m = r.modes;
    console.log(
      [
        String(r.chunks).padEnd(8),
        `${m.keyword.p50} / ${m.keyword.p95}`.padEnd(15),
        `${m.semantic.p50} / ${m.semantic.p95}`.padEnd(16),
        `${m.hybrid.p50} / ${m.hybrid.p95}`.padEnd(14),
        `${r.floatScan.p50} / ${r.floatScan.p95}`.padEnd(18),
        String(r.hybridToFloatScanP95).padEnd(16),
        String(r.semanticRecallAt10).padEnd(9),
        String(r.writeChunksPerSec),
      ].join(" | "),
    );
  }
}

const sections = process.argv.slice(2).filter((a) => !a.startsWith("--") && !/^[\d,]+$/.test(a));
const wanted = sections.length === 0 || sections.includes("all") ? ["search"] : sections;
const json = process.argv.includes("--json");
const sizes = (option("--sizes") ?? "10000,100000").split(",").map(Number);
const report: Record<string, unknown> = { machine: machine(), date: new Date().toISOString() };

if (wanted.includes("search")) {
  const results: SearchBenchResult[] = [];
  for (const n of sizes) {
    console.error(`search: building a ${n}-chunk store…`);
    results.push(await benchSearch(n));
  }
  report.search = results;
  if (!json) printSearch(results);
}
if (json) console.log(JSON.stringify(report, null, 2));
else console.log(`machine: ${report.machine as string}`);
