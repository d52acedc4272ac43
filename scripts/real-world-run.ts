// Indexes a folder of real-world files into a temporary HEARTH_HOME and tabulates the outcome per kind.
// Usage: npm run real-world -- ../shared/data/docs
import Database from "better-sqlite3-multiple-ciphers";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, resolve } from "node:path";
import { openHearth } from "../src/hearth.js";
import { createLogger } from "../src/log.js";
import { indexRoot } from "../src/pipeline/index-root.js";

const folder = process.argv[2];
if (!folder) {
  console.error("usage: npm run real-world -- FOLDER");
  process.exit(2);
}
const home = mkdtempSync(join(tmpdir(), "hearth-real-world-"));
writeFileSync(join(home, "config.json"), JSON.stringify({ index: { extractTimeoutMs: 20_000 } }));
try {
  const started = performance.now();
  const hearth = await openHearth({
    log: createLogger("error"),
    env: { ...process.env, HEARTH_HOME: home },
  });
  const report = await indexRoot(hearth.indexDeps, resolve(folder), { concurrency: 2 });
  const seconds = (performance.now() - started) / 1000;
  // What each file became, read from the index file itself (the store keeps its connection private).
  const db = new Database(hearth.paths.indexFile, { readonly: true });
  const rows = db
    .prepare(
      "SELECT path, status, error, (SELECT count(*) FROM chunks c WHERE c.file_id = f.id) AS chunks FROM files f ORDER BY path",
    )
    .all() as { path: string; status: string; error: string | null; chunks: number }[];
  const byKind = new Map<
    string,
    {
      indexed: number;
      failed: number;
      timedOut: number;
      chunks: number;
      reasons: Map<string, number>;
    }
  >();
  for (const r of rows) {
    const kind = extname(r.path).toLowerCase() || "(none)";
    const k = byKind.get(kind) ?? {
      indexed: 0,
      failed: 0,
      timedOut: 0,
      chunks: 0,
      reasons: new Map(),
    };
    if (r.status === "indexed") k.indexed++;
    else if (r.error?.includes("longer than")) k.timedOut++;
    else k.failed++;
    k.chunks += r.chunks;
    if (r.error) {
      const reason = r.error.replace(/\d+/g, "N").slice(0, 70);
      k.reasons.set(reason, (k.reasons.get(reason) ?? 0) + 1);
    }
    byKind.set(kind, k);
  }
  console.log(`| kind | files | indexed | failed | timed out | chunks | reasons |`);
  console.log(`| --- | --- | --- | --- | --- | --- | --- |`);
  for (const [kind, k] of [...byKind].sort()) {
    const reasons = [...k.reasons].map(([r, n]) => `${r} (${n})`).join("; ");
    console.log(
      `| ${kind} | ${k.indexed + k.failed + k.timedOut} | ${k.indexed} | ${k.failed} | ${k.timedOut} | ${k.chunks} | ${reasons} |`,
    );
  }
  console.log(
    `\n${report.scanned} files scanned in ${seconds.toFixed(1)} s; the process did not crash.`,
  );
  if (process.argv.includes("--list"))
    for (const r of rows) console.log(`${r.status}\t${r.path}\t${r.error ?? ""}`);
  await hearth.close();
} finally {
  rmSync(home, { recursive: true, force: true });
}
