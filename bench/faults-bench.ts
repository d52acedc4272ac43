// `npm run bench -- faults`: kill -9 the daemon at random moments while it indexes ~3,000 files
// with edits, renames and deletes under way; after each restart the index must pass integrity
// checks, have no orphans, and converge to the disk. Then 100 concurrent MCP searches during
// indexing: no errors, no SQLITE_BUSY.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3-multiple-ciphers";
import * as sqliteVec from "sqlite-vec";
import { Client, InMemoryTransport } from "@modelcontextprotocol/client";
import { openHearth } from "../src/hearth.js";
import { startDaemonHost } from "../src/host/run-daemon.js";
import { silentLogger } from "../src/log.js";
import { createMcpServer } from "../src/mcp/server.js";
import { seededRandom } from "./synthetic.js";

const BIN = fileURLToPath(new URL("../dist/src/cli/bin.js", import.meta.url));

export interface FaultsBenchResult {
  files: number;
  kills: number;
  /** Rounds after which the index was sound (integrity ok, no orphans) and matched the disk. */
  converged: number;
  failures: string[];
  concurrent: { searches: number; errors: number; busy: number; pendingAtStart: number };
}

function note(i: number, version: number): string {
  return `# Note ${i}\n\nuniq${i}v${version} about topic${i % 41} and the week ${i % 52}.\n`;
}

function fileList(root: string): string[] {
  const out: string[] = [];
  for (const dir of readdirSync(root))
    for (const f of readdirSync(join(root, dir))) out.push(join(root, dir, f));
  return out.sort();
}

/** The index must be sound, and hold exactly the disk: same files, same content hashes. */
function check(indexFile: string, root: string): string | null {
  const db = new Database(indexFile, { readonly: true });
  sqliteVec.load(db);
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") return `integrity_check: ${String(integrity)}`;
    const one = (sql: string) => db.prepare(sql).pluck().get() as number;
    if (one("SELECT count(*) FROM chunks WHERE file_id NOT IN (SELECT id FROM files)") > 0)
      return "orphan chunks";
    if (one("SELECT count(*) FROM chunks_fts_docsize") !== one("SELECT count(*) FROM chunks"))
      return "FTS rows differ from chunks";
    const indexed = new Map(
      (
        db
          .prepare("SELECT path, content_hash AS hash FROM files WHERE status = 'indexed'")
          .all() as {
          path: string;
          hash: string;
        }[]
      ).map((r) => [r.path, r.hash]),
    );
    const disk = fileList(root);
    if (disk.length !== indexed.size)
      return `disk has ${disk.length} files, the index ${indexed.size}`;
    for (const path of disk) {
      const hash = createHash("sha256").update(readFileSync(path)).digest("hex");
      if (indexed.get(path) !== hash) return `${path} is stale or missing in the index`;
    }
    // Findable by its unique word: the FTS rows are the current text.
    for (const path of disk.filter((_, i) => i % 97 === 0)) {
      const word = /uniq\d+v\d+/.exec(readFileSync(path, "utf8"))![0];
      const found = db
        .prepare(
          "SELECT f.path FROM chunks_fts JOIN chunks c ON c.id = chunks_fts.rowid JOIN files f ON f.id = c.file_id WHERE chunks_fts MATCH ?",
        )
        .pluck()
        .all(`"${word}"`) as string[];
      if (!found.includes(path)) return `${path} not findable by ${word}`;
    }
    return null;
  } finally {
    db.close();
  }
}

function cli(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [BIN, ...args], { env, encoding: "utf8" });
}

async function settled(env: NodeJS.ProcessEnv): Promise<void> {
  for (;;) {
    const out = cli(["status", "--json"], env);
    if (out.status === 0) {
      const s = JSON.parse(out.stdout) as {
        daemon: { activity: string; queue: { pending: number; active: unknown[] } } | null;
      };
      const d = s.daemon;
      if (d && d.activity === "idle" && d.queue.pending === 0 && d.queue.active.length === 0)
        return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function benchFaults(files = 3000, kills = 50): Promise<FaultsBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "hearth-bench-faults-"));
  const random = seededRandom(11);
  try {
    const root = join(dir, "notes");
    const home = join(dir, "home");
    mkdirSync(home);
    const versions = new Map<number, number>();
    for (let d = 0; d < files / 100; d++) mkdirSync(join(root, `d${d}`), { recursive: true });
    for (let i = 0; i < files; i++) {
      writeFileSync(join(root, `d${Math.floor(i / 100)}`, `n${i}.md`), note(i, 0));
      versions.set(i, 0);
    }
    writeFileSync(
      join(home, "config.json"),
      JSON.stringify({ roots: [root], index: { debounceMs: 100 } }),
    );
    const env = { ...process.env, HEARTH_HOME: home };
    const failures: string[] = [];
    let converged = 0;
    let next = files;
    for (let round = 0; round < kills; round++) {
      const child: ChildProcess = spawn(process.execPath, [BIN, "start"], { env, stdio: "ignore" });
      // Edits, renames and deletes while it works, then a kill at a random moment.
      const mutate = setInterval(() => {
        const i = Math.floor(random() * next);
        const path = (n: number) =>
          join(root, `d${Math.floor(n / 100) % (files / 100)}`, `n${n}.md`);
        if (!versions.has(i)) return;
        const roll = random();
        try {
          if (roll < 0.6) {
            versions.set(i, versions.get(i)! + 1);
            writeFileSync(path(i), note(i, versions.get(i)!));
          } else if (roll < 0.8) {
            const j = next++;
            renameSync(path(i), path(j));
            versions.set(j, versions.get(i)!);
            versions.delete(i);
          } else {
            rmSync(path(i));
            versions.delete(i);
          }
        } catch {
          // a path already gone: the next one
        }
      }, 5);
      await new Promise((r) => setTimeout(r, 200 + random() * 2800));
      child.kill("SIGKILL");
      clearInterval(mutate);
      await new Promise((r) => child.once("exit", r));
      // Restart, let it converge, check; then stop it for the next round.
      const restarted = spawn(process.execPath, [BIN, "start"], { env, stdio: "ignore" });
      await settled(env);
      const problem = check(join(home, "index.sqlite"), root);
      if (problem) failures.push(`round ${round + 1}: ${problem}`);
      else converged++;
      cli(["stop"], env);
      await new Promise((r) => restarted.once("exit", r));
      console.error(`faults: round ${round + 1}/${kills}: ${problem ?? "converged"}`);
    }
    return { files, kills, converged, failures, concurrent: await concurrentSearches(dir) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 100 MCP searches, 10 clients at a time, while the daemon indexes a 3,000-file backlog. */
async function concurrentSearches(dir: string): Promise<FaultsBenchResult["concurrent"]> {
  const root = join(dir, "backlog");
  const home = join(dir, "home-concurrent");
  mkdirSync(home);
  writeFileSync(join(home, "config.json"), JSON.stringify({ roots: [root] }));
  const hearth = await openHearth({
    log: silentLogger,
    env: { ...process.env, HEARTH_HOME: home },
  });
  const host = await startDaemonHost(hearth, silentLogger);
  try {
    for (let d = 0; d < 30; d++) mkdirSync(join(root, `d${d}`), { recursive: true });
    for (let i = 0; i < 3000; i++) writeFileSync(join(root, `d${i % 30}`, `n${i}.md`), note(i, 0));
    await new Promise((r) => setTimeout(r, 1000));
    const pendingAtStart = host.daemon.activity().queue.pending;
    const clients = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const [a, b] = InMemoryTransport.createLinkedPair();
        await createMcpServer({
          service: host.service,
          version: "bench",
          log: silentLogger,
        }).connect(b);
        const client = new Client({ name: `bench-${i}`, version: "1" });
        await client.connect(a);
        return client;
      }),
    );
    let errors = 0;
    let busy = 0;
    await Promise.all(
      clients.map(async (client, c) => {
        for (let k = 0; k < 10; k++) {
          const result = (await client.callTool({
            name: "search",
            arguments: { query: `topic${(c * 10 + k) % 41} week`, mode: "keyword" },
          })) as { isError?: boolean; content: { text?: string }[] };
          if (result.isError) {
            errors++;
            if (/SQLITE_BUSY|locked/.test(result.content[0]?.text ?? "")) busy++;
          }
        }
      }),
    );
    for (const client of clients) await client.close();
    return { searches: 100, errors, busy, pendingAtStart };
  } finally {
    await host.stop();
  }
}
