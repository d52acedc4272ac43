// Tests: hearth CLI.
import { spawn } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NOTES } from "../fixtures.js";
import { makeHome, tempDir, testModelPath, writeTree } from "../helpers.js";
import { BIN, runCli } from "./run-cli.js";
import { runMain } from "./run-main.js";

function parseResults(stdout: string): { path: string }[] {
  return (JSON.parse(stdout) as { results: { path: string }[] }).results;
}

function notes(): string {
  const root = tempDir();
  writeTree(root, NOTES);
  return root;
}

describe("hearth CLI", () => {
  it("stops quietly when the reader of its output goes away (`hearth … | head`)", async () => {
    const child = spawn(process.execPath, [BIN, "--help"], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy(); // the reader has gone before the first write
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("indexes, searches with JSON citations, and reports status — stdout holds only the output", () => {
    const root = notes();
    const { env, home } = makeHome({ model: true });
    const index = runCli(["index", root, "--json"], env);
    expect(index.code, index.stderr).toBe(0);
    const report = JSON.parse(index.stdout) as { roots: { indexed: number }[]; semantic: boolean };
    expect(report.roots[0]!.indexed).toBe(5);
    expect(report.semantic).toBe(true);

    const search = runCli(["search", "apartment", "lease", "--json", "--limit", "3"], env);
    expect(search.code, search.stderr).toBe(0);
    const body = JSON.parse(search.stdout) as {
      results: {
        path: string;
        kind: string;
        score: number;
        snippet: string;
        location: object;
        modified: string;
      }[];
      mode: string;
      tookMs: number;
    };
    expect(body.mode).toBe("hybrid");
    expect(body.results.length).toBeLessThanOrEqual(3);
    expect(body.results[0]).toMatchObject({
      path: join(root, "home/lease.md"),
      kind: "md",
      location: { startLine: 1, endLine: 7 },
    });
    expect(typeof body.results[0]!.score).toBe("number");
    expect(body.results[0]!.modified).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(typeof body.tookMs).toBe("number");

    const filtered = runCli(
      ["search", "temples", "--json", "--kind", "md", "--mode", "keyword"],
      env,
    );
    expect(parseResults(filtered.stdout)).toEqual([]);

    const status = runCli(["status", "--json"], env);
    expect(status.code, status.stderr).toBe(0);
    const s = JSON.parse(status.stdout) as Record<string, unknown>;
    expect(s).toMatchObject({
      files: 5,
      failed: 0,
      roots: [{ path: root, files: 5 }],
      index: join(home, "index.sqlite"),
    });
    expect((s.fingerprint as { vectors: { dimensions: number } }).vectors.dimensions).toBe(64);
    expect(s.dbBytes).toBeGreaterThan(0);

    const human = runCli(["search", "banana", "smoothie"], env);
    expect(human.stdout).toContain(`${join(root, "food/smoothie.txt")}:1-3`);
  });

  it("works without a model in keyword mode and says once how to enable semantic search", async () => {
    const root = notes();
    const { env } = makeHome();
    const index = await runMain(["index", root], env);
    expect(index.code, index.stderr).toBe(0);
    expect(index.stdout).toMatch(/5 indexed/);
    expect(index.stdout).toMatch(/semantic search is off.*download/);
    const search = await runMain(["search", "banana", "--json"], env);
    expect(search.code).toBe(0);
    const body = JSON.parse(search.stdout) as { mode: string; notice: string; results: unknown[] };
    expect(body.mode).toBe("keyword");
    expect(body.notice).toMatch(/semantic search is off/);
    expect(body.results).toHaveLength(1);
    const semantic = await runMain(["search", "banana", "--mode", "semantic"], env);
    expect(semantic.code).toBe(1);
    expect(semantic.stderr).toMatch(/needs an embedding model/);
  });

  it("rejects a bad config naming the key, and bad options naming the option", async () => {
    const { env, home } = makeHome();
    writeFileSync(join(home, "config.json"), JSON.stringify({ search: { limit: -1 } }));
    const bad = await runMain(["status"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"search.limit"');

    const fine = makeHome();
    await runMain(["index", notes()], fine.env);
    const mode = await runMain(["search", "x", "--mode", "fuzzy"], fine.env);
    expect(mode.code).toBe(2);
    expect(mode.stderr).toMatch(/--mode "fuzzy".*hybrid, keyword, semantic/s);
    const date = await runMain(["search", "x", "--after", "yesterday"], fine.env);
    expect(date.code).toBe(2);
    expect(date.stderr).toMatch(/--after "yesterday" is not a date/);
    const sort = await runMain(["search", "x", "--sort", "newest"], fine.env);
    expect(sort.code).toBe(2);
    expect(sort.stderr).toMatch(/--sort "newest".*relevance, date/s);
  });

  it("explains a missing index and a missing folder", async () => {
    const { env } = makeHome();
    const search = await runMain(["search", "anything"], env);
    expect(search.code).toBe(1);
    expect(search.stderr).toMatch(/no index.*hearth index/s);
    const index = await runMain(["index", join(tempDir(), "nope")], env);
    expect(index.code).toBe(1);
    expect(index.stderr).toMatch(/does not exist/);
  });

  it("refuses a different model than the index was built with, and reindex --vectors fixes it", async () => {
    const root = notes();
    const { env, home } = makeHome({ model: true });
    expect((await runMain(["index", root], env)).code).toBe(0);
    // Same model file under another name: a different fingerprint.
    const other = join(tempDir(), "other-model.gguf");
    copyFileSync(testModelPath(), other);
    writeFileSync(
      join(home, "config.json"),
      JSON.stringify({ roots: [root], embedding: { model: other, threads: 1 } }),
    );
    const refused = await runMain(["search", "lease"], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/vectors were made by .*fix: run `hearth reindex --vectors`/s);
    const reindex = await runMain(["reindex", "--vectors"], env);
    expect(reindex.code, reindex.stderr).toBe(0);
    const search = await runMain(
      ["search", "apartment lease", "--json", "--mode", "semantic"],
      env,
    );
    expect(search.code, search.stderr).toBe(0);
    expect(parseResults(search.stdout)[0]?.path).toBe(join(root, "home/lease.md"));
  });
});
