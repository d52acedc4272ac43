// Test fixtures on the real filesystem: temp folders, file trees, and a HEARTH_HOME with a config.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, inject } from "vitest";
import { openHearth, type Hearth } from "../src/hearth.js";
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
  const config: Record<string, unknown> = { ...options.config };
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
