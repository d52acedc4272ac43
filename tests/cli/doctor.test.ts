// Tests: hearth doctor and failures in status.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeHome, tempDir, writeTree } from "../helpers.js";
import { runMain } from "./run-main.js";

describe("hearth doctor and failures in status", () => {
  it("explains what happens to one file, and status --json lists failures", async () => {
    const root = tempDir();
    writeTree(root, {
      "ok.md": "# Fine\n\nA note.\n",
      ".env": "SECRET=1",
      "photo.pdf": Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
    });
    const { env } = makeHome();
    expect((await runMain(["index", root], env)).code).toBe(0);

    const ok = (await runMain(["doctor", join(root, "ok.md")], env)).stdout;
    expect(ok).toMatch(/index\s+indexed .*: 1 chunks/);
    expect(ok).toMatch(/extract now\s+md, "Fine": 1 chunks/);
    expect((await runMain(["doctor", join(root, ".env")], env)).stdout).toMatch(
      /ignored\s+hidden file/,
    );
    const bad = (await runMain(["doctor", join(root, "photo.pdf")], env)).stdout;
    expect(bad).toMatch(/index\s+failed: not a PDF: the file is a JPEG image/);
    const outside = tempDir();
    writeFileSync(join(outside, "x.md"), "x");
    expect((await runMain(["doctor", join(outside, "x.md")], env)).stdout).toMatch(
      /not under a watched or indexed folder/,
    );
    expect((await runMain(["doctor"], env)).stdout).toMatch(/model\s+semantic search is off/);

    const status = JSON.parse((await runMain(["status", "--json"], env)).stdout) as {
      failed: number;
      failures: { path: string; error: string }[];
    };
    expect(status.failed).toBe(1);
    expect(status.failures).toEqual([
      { path: join(root, "photo.pdf"), error: "not a PDF: the file is a JPEG image" },
    ]);
  });

  it("names the llama.cpp backend in use and the reranker's state", async () => {
    const root = tempDir();
    writeTree(root, { "a.md": "# A\n\nsome words" });
    const { env } = makeHome({ model: true });
    expect((await runMain(["index", root], env)).code).toBe(0);
    const out = (await runMain(["doctor"], env)).stdout;
    expect(out).toMatch(/model\s+hearth-test-bow \(64d\)/);
    expect(out).toMatch(
      /backend\s+llama\.cpp on (the CPU|cuda|vulkan|metal) \(embedding\.gpu: auto\)/,
    );
    expect(out).toMatch(
      /reranker\s+no reranker installed: run `hearth models pull bge-reranker-v2-m3`/,
    );
  });

  it("explains a broken model file with its fix", async () => {
    const root = tempDir();
    writeTree(root, { "a.md": "# A\n\nsome words" });
    const broken = join(tempDir(), "broken.gguf");
    writeFileSync(broken, "GGUF but then nothing a model needs");
    const { env } = makeHome({ config: { embedding: { model: broken } } });
    expect((await runMain(["index", root], env)).code).not.toBe(0);
    const doctor = await runMain(["doctor"], env);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(
      /problem\s+could not load the embedding model .*broken\.gguf[\s\S]*fix: /,
    );
  });
});
