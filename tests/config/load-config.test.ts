// Tests: loadConfig; resolveHearthPaths.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { resolveHearthPaths } from "../../src/config/paths.js";
import { HearthError } from "../../src/errors.js";
import { tempDir } from "../helpers.js";

function configFile(content: string): string {
  const path = join(tempDir(), "config.json");
  writeFileSync(path, content);
  return path;
}

function errorOf(fn: () => unknown): HearthError {
  try {
    fn();
  } catch (err) {
    if (err instanceof HearthError) return err;
    throw err;
  }
  throw new Error("expected an error");
}

describe("loadConfig", () => {
  it("uses the defaults when there is no file, and merges a partial file over them", () => {
    const defaults = loadConfig(join(tempDir(), "missing.json"));
    expect(defaults.chunking.targetTokens).toBe(400);
    const custom = loadConfig(configFile('{"chunking": {"targetTokens": 256}}'));
    expect(custom.chunking).toMatchObject({ targetTokens: 256, overlapTokens: 50 });
    expect(custom.search.limit).toBe(10);
  });

  it("names the key, the value and what is accepted for a bad value", () => {
    const err = errorOf(() => loadConfig(configFile('{"search": {"limit": "ten"}}')));
    expect(err.code).toBe("CONFIG_INVALID");
    expect(err.message).toMatch(/"search\.limit".*number.*"ten"/);
  });

  it("names an unknown key rather than ignoring it", () => {
    const err = errorOf(() => loadConfig(configFile('{"embeding": {}}')));
    expect(err.message).toContain("embeding");
  });

  it("reports broken JSON with the file name", () => {
    const path = configFile("{ not json");
    const err = errorOf(() => loadConfig(path));
    expect(err.message).toContain(path);
    expect(err.message).toMatch(/not valid JSON/);
  });
});

describe("resolveHearthPaths", () => {
  it("keeps everything under HEARTH_HOME when it is set", () => {
    const paths = resolveHearthPaths({ HEARTH_HOME: "/x/h" });
    expect(paths).toEqual({
      configFile: "/x/h/config.json",
      categoriesFile: "/x/h/categories.txt",
      dataDir: "/x/h",
      indexFile: "/x/h/index.sqlite",
      modelsDir: "/x/h/models",
    });
  });

  it("follows the XDG base directories otherwise", () => {
    const paths = resolveHearthPaths({
      XDG_CONFIG_HOME: "/c",
      XDG_DATA_HOME: "/d",
      XDG_CACHE_HOME: "/k",
    });
    expect(paths.configFile).toBe("/c/hearth/config.json");
    expect(paths.categoriesFile).toBe("/c/hearth/categories.txt");
    expect(paths.indexFile).toBe("/d/hearth/index.sqlite");
    expect(paths.modelsDir).toBe("/k/hearth/models");
  });
});
