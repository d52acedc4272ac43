// Test fixtures on the real filesystem: temp folders, file trees, and a HEARTH_HOME with a config.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Database from "better-sqlite3-multiple-ciphers";
import * as sqliteVec from "sqlite-vec";
import { afterAll, inject } from "vitest";
import { openHearth, type Hearth } from "../src/hearth.js";
import type { ExtractInput } from "../src/indexers/indexer.js";
import { silentLogger } from "../src/log.js";

// Cleaned once per test file, so fixtures made in beforeAll live through the file's tests.
const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

export function tempDir(prefix = "hearth-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

export function testModelPath(): string {
  return inject("testModelPath");
}

/** A HEARTH_HOME with a config; `model: true` points it at the generated test model. */
export function makeHome(options: { model?: boolean; config?: Record<string, unknown> } = {}): {
  home: string;
  env: NodeJS.ProcessEnv;
} {
  const home = tempDir("hearth-home-");
  // The page's port is one per machine: a test that wants the page names its own.
  const config: Record<string, unknown> = { web: { enabled: false }, ...options.config };
  if (options.model) {
    config.embedding = { model: testModelPath(), threads: 1, ...(config.embedding as object) };
  }
  writeFileSync(join(home, "config.json"), JSON.stringify(config));
  return { home, env: { ...process.env, HEARTH_HOME: home } };
}

export async function openTestHearth(
  env: NodeJS.ProcessEnv,
  extra: Partial<Parameters<typeof openHearth>[0]> = {},
): Promise<Hearth> {
  const hearth = await openHearth({ log: silentLogger, env, ...extra });
  cleanups.push(() => hearth.close());
  return hearth;
}

/**
 * A second connection to an index file, for tests that look at the stored rows themselves (the
 * store keeps its own connection private). WAL lets it see everything committed.
 */
export function rawDb(target: Hearth | string): Database.Database {
  const db = new Database(typeof target === "string" ? target : target.paths.indexFile);
  sqliteVec.load(db);
  db.pragma("busy_timeout = 5000");
  cleanups.push(() => {
    db.close();
  });
  return db;
}

/** A file as the indexers are given it: read once, with its modification time. */
export function fileInput(path: string): ExtractInput {
  return { path, bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs };
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
