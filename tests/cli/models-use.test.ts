// Tests: `hearth models use` without a daemon — re-embeds here with progress, swaps, updates the
// config so the next search uses the new model; a model that is not installed is explained.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NOTES } from "../fixtures.js";
import { makeHome, tempDir, writeTree } from "../helpers.js";
import { makeSecondModel } from "../model-switch-fixtures.js";
import { runMain } from "./run-main.js";

describe("hearth models use", () => {
  it("switches the index to another model and the config with it", async () => {
    const root = tempDir();
    writeTree(root, NOTES);
    const { home, env } = makeHome({ model: true });
    expect((await runMain(["index", root], env)).code).toBe(0);
    const modelB = makeSecondModel();

    const used = await runMain(["models", "use", modelB], env);
    expect(used.stderr).not.toMatch(/error/i);
    expect(used.code).toBe(0);
    expect(used.stdout).toMatch(/now using hearth-test-bow: \d+ chunks through the model/);
    const config = JSON.parse(readFileSync(join(home, "config.json"), "utf8")) as {
      embedding: { model: string };
    };
    expect(config.embedding.model).toBe(modelB);

    const search = await runMain(
      ["search", "--mode", "semantic", "--json", "banana", "smoothie"],
      env,
    );
    expect(search.code).toBe(0);
    const hits = JSON.parse(search.stdout) as { results: { path: string }[] };
    expect(hits.results[0]!.path).toBe(join(root, "food/smoothie.txt"));

    const status = JSON.parse((await runMain(["status", "--json"], env)).stdout) as {
      fingerprint: { vectors: { dimensions: number } };
      vectors: number;
      chunks: number;
    };
    expect(status.fingerprint.vectors.dimensions).toBe(32);
    expect(status.vectors).toBe(status.chunks);

    const again = await runMain(["models", "use", modelB], env);
    expect(again.stdout).toMatch(/already the model of this index/);
  });

  it("explains a preset that is not installed and a file that does not exist", async () => {
    const { env } = makeHome();
    const preset = await runMain(["models", "use", "nomic-embed-text-v1.5"], env);
    expect(preset.code).not.toBe(0);
    expect(preset.stderr).toMatch(/not installed[\s\S]*hearth models pull nomic-embed-text-v1.5/);
    const missing = await runMain(["models", "use", "/no/such/model.gguf"], env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/no model file at \/no\/such\/model.gguf[\s\S]*preset name/);
  });
});
