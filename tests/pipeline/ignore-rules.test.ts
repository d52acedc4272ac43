// Tests: ignore rules.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IgnoreRules } from "../../src/pipeline/ignore-rules.js";
import { scanRoot } from "../../src/pipeline/scan-root.js";
import { tempDir, writeTree } from "../helpers.js";

const TREE = {
  "notes/a.md": "a",
  "notes/.env": "SECRET=1",
  "notes/.env.local": "SECRET=2",
  "notes/server.key": "k",
  "notes/id_rsa.txt": "k",
  "notes/credentials.txt": "k",
  "notes/.swap.md": "editor swap",
  "node_modules/pkg/readme.md": "x",
  ".git/HEAD.txt": "x",
  "project/.gitignore": "build-output/\n*.log.txt\n",
  "project/keep.md": "keep",
  "project/debug.log.txt": "ignored by project/.gitignore",
  "project/build-output/out.md": "ignored dir",
  "project/sub/.hearthignore": "private.md\n",
  "project/sub/private.md": "ignored by .hearthignore",
  "project/sub/public.md": "kept",
  "other/debug.log.txt": "not under project: kept",
};

describe("ignore rules", () => {
  it("skip secrets, hidden files, build folders, and .gitignore/.hearthignore matches at any depth", async () => {
    const root = tempDir();
    writeTree(root, TREE);
    const rules = new IgnoreRules(root, { exclude: [], indexSecrets: false });
    const found = (await scanRoot(root, rules)).map((f) => f.path.slice(root.length + 1));
    expect(found.sort()).toEqual([
      "notes/a.md",
      "other/debug.log.txt",
      "project/keep.md",
      "project/sub/public.md",
    ]);
  });

  it("index secrets only when the config says so, and apply config excludes", async () => {
    const root = tempDir();
    writeTree(root, TREE);
    const rules = new IgnoreRules(root, { exclude: ["other/"], indexSecrets: true });
    const found = (await scanRoot(root, rules)).map((f) => f.path.slice(root.length + 1));
    expect(found).toContain("notes/credentials.txt");
    expect(found).toContain("notes/id_rsa.txt");
    expect(found).not.toContain("other/debug.log.txt");
  });

  it("treats paths outside the root as ignored", () => {
    const root = tempDir();
    const rules = new IgnoreRules(join(root, "notes"), { exclude: [], indexSecrets: false });
    expect(rules.isIgnored(join(root, "notes-old", "a.md"), false)).toBe(true);
    expect(rules.isIgnored(join(root, "notes", "a.md"), false)).toBe(false);
  });
});
