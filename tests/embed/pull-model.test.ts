// Tests: pullModel (from a local HTTP server); hearth models.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullModel } from "../../src/embed/pull-model.js";
import { HearthError } from "../../src/errors.js";
import { tempDir, testModelPath } from "../helpers.js";
import { LlamaEmbedder } from "../../src/embed/llama-embedder.js";
import { silentLogger } from "../../src/log.js";

let server: Server;
let base: string;
let model: Buffer;
let sha: string;
const rangeRequests: string[] = [];
let flakyServed = 0;
let stallServed = 0;

/** Sends `body` in `pieces` parts, `gapMs` apart: a slow but live link. */
function trickle(res: ServerResponse, body: Buffer, pieces: number, gapMs: number): void {
  res.writeHead(200, { "content-length": body.length });
  const size = Math.ceil(body.length / pieces);
  let at = 0;
  const next = () => {
    if (at >= body.length) return void res.end();
    res.write(body.subarray(at, (at += size)));
    setTimeout(next, gapMs);
  };
  next();
}

function serve(
  res: ServerResponse,
  body: Buffer,
  range: string | undefined,
  etag: string,
  cutAt?: number,
): void {
  const start = range ? Number(/bytes=(\d+)-/.exec(range)?.[1] ?? 0) : 0;
  const slice = body.subarray(start);
  res.writeHead(range ? 206 : 200, {
    "content-length": slice.length,
    "x-linked-etag": `"${etag}"`,
  });
  if (cutAt === undefined) return void res.end(slice);
  res.write(slice.subarray(0, cutAt), () => res.destroy()); // the connection drops mid-file
}

describe("pullModel (from a local HTTP server)", () => {
  beforeAll(async () => {
    model = readFileSync(testModelPath());
    sha = createHash("sha256").update(model).digest("hex");
    server = createServer((req, res) => {
      const range = req.headers.range;
      if (range) rangeRequests.push(`${req.url} ${range}`);
      if (req.url === "/m/model.gguf") return serve(res, model, range, sha);
      if (req.url === "/m/tampered.gguf") return serve(res, model, range, "0".repeat(64));
      if (req.url === "/m/slow.gguf") return trickle(res, model, 6, 250);
      if (req.url === "/m/stall.gguf") {
        // First time: half the file, then silence on an open connection. After: the rest.
        if (stallServed++ === 0) {
          res.writeHead(200, { "content-length": model.length, "x-linked-etag": `"${sha}"` });
          return void res.write(model.subarray(0, model.length / 2));
        }
        return serve(res, model, range, sha);
      }
      // A server that ignores Range: always the whole file, 200.
      if (req.url === "/m/norange.gguf") return serve(res, model, undefined, sha);
      if (req.url === "/m/flaky.gguf")
        return serve(res, model, range, sha, flakyServed++ === 0 ? model.length / 2 : undefined);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("downloads with progress, verifies the sha256, loads through llama.cpp, and is idempotent", async () => {
    const modelsDir = tempDir();
    const progress: number[] = [];
    const result = await pullModel(`${base}/m/model.gguf`, {
      modelsDir,
      onProgress: (p) => progress.push(p.received),
    });
    expect(result).toMatchObject({
      path: join(modelsDir, "model.gguf"),
      bytes: model.length,
      verified: "sha256",
      alreadyInstalled: false,
    });
    expect(progress.at(-1)).toBe(model.length);
    expect(statSync(result.path).mode & 0o777).toBe(0o600);
    const embedder = await LlamaEmbedder.load({
      modelPath: result.path,
      gpu: false,
      threads: 1,
      log: silentLogger,
    });
    expect(embedder.info.dimensions).toBe(64);
    await embedder.close();
    const again = await pullModel(`${base}/m/model.gguf`, { modelsDir });
    expect(again.alreadyInstalled).toBe(true);
  });

  it("resumes an interrupted download where it stopped", async () => {
    const modelsDir = tempDir();
    const first = await pullModel(`${base}/m/flaky.gguf`, { modelsDir }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(HearthError);
    expect((first as Error).message).toMatch(
      /interrupted|incomplete[\s\S]*run the same pull again/,
    );
    expect(existsSync(join(modelsDir, "flaky.gguf.part"))).toBe(true);
    const second = await pullModel(`${base}/m/flaky.gguf`, { modelsDir });
    expect(second.resumedFrom).toBeGreaterThan(0);
    expect(rangeRequests.some((r) => r.startsWith("/m/flaky.gguf bytes="))).toBe(true);
    expect(createHash("sha256").update(readFileSync(second.path)).digest("hex")).toBe(sha);
  });

  it("takes as long as a live transfer needs; only a stall or no answer stops it", async () => {
    const modelsDir = tempDir();
    // 1.5 s in all, never 1 s without a byte: a limit on the whole transfer would have failed it.
    const slow = await pullModel(`${base}/m/slow.gguf`, {
      modelsDir,
      connectTimeoutMs: 1000,
      stallTimeoutMs: 1000,
    });
    expect(slow.bytes).toBe(model.length);
    const stalled = await pullModel(`${base}/m/stall.gguf`, {
      modelsDir,
      stallTimeoutMs: 400,
    }).catch((e: unknown) => e);
    expect((stalled as Error).message).toMatch(
      /interrupted at \d+ bytes: no data for 0\.4 s \(stalled\)/,
    );
    const resumed = await pullModel(`${base}/m/stall.gguf`, { modelsDir });
    expect(resumed.resumedFrom).toBe(model.length / 2);
    expect(statSync(resumed.path).size).toBe(model.length);
    expect(createHash("sha256").update(readFileSync(resumed.path)).digest("hex")).toBe(sha);
  });

  it("starts over when the server ignores the range of a resumed download", async () => {
    const modelsDir = tempDir();
    writeFileSync(join(modelsDir, "norange.gguf.part"), model.subarray(0, 1000));
    const result = await pullModel(`${base}/m/norange.gguf`, { modelsDir });
    expect(result.resumedFrom).toBe(0);
    expect(statSync(result.path).size).toBe(model.length);
    expect(result.verified).toBe("sha256");
  });

  it("refuses a file whose checksum does not match, and keeps nothing", async () => {
    const modelsDir = tempDir();
    const error = await pullModel(`${base}/m/tampered.gguf`, { modelsDir }).catch(
      (e: unknown) => e,
    );
    expect((error as HearthError).code).toBe("MODEL_CHECKSUM_MISMATCH");
    expect(existsSync(join(modelsDir, "tampered.gguf"))).toBe(false);
    expect(existsSync(join(modelsDir, "tampered.gguf.part"))).toBe(false);
  });

  it("explains a 404 and an unreachable host", async () => {
    const missing = await pullModel(`${base}/m/nope.gguf`, { modelsDir: tempDir() }).catch(
      (e: unknown) => e,
    );
    expect((missing as Error).message).toMatch(
      /no model file at .*HTTP 404[\s\S]*hearth models list/,
    );
    const offline = await pullModel("http://127.0.0.1:1/x.gguf", { modelsDir: tempDir() }).catch(
      (e: unknown) => e,
    );
    expect((offline as Error).message).toMatch(/cannot reach 127\.0\.0\.1:1[\s\S]*keyword mode/);
  });
});

describe("hearth models", () => {
  it("lists the presets, and pull copies a local GGUF into the model cache", async () => {
    const { makeHome } = await import("../helpers.js");
    const { runCli } = await import("../cli/run-cli.js");
    const { env, home } = makeHome();
    const list = JSON.parse(runCli(["models", "list", "--json"], env).stdout) as {
      presets: { name: string; kind: string; installed: boolean; dimensions: number }[];
    };
    expect(list.presets.map((p) => [p.name, p.kind])).toEqual([
      ["bge-small-en-v1.5", "embedding"],
      ["nomic-embed-text-v1.5", "embedding"],
      ["embeddinggemma-300m", "embedding"],
      ["bge-reranker-v2-m3", "reranker"],
    ]);
    const embedding = list.presets.filter((p) => p.kind === "embedding");
    expect(embedding.every((p) => !p.installed && p.dimensions > 0)).toBe(true);
    const pulled = runCli(["models", "pull", testModelPath()], env);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(existsSync(join(home, "models", "hearth-test-bow.gguf"))).toBe(true);
    const listed = JSON.parse(runCli(["models", "list", "--json"], env).stdout) as {
      installed: { file: string; path: string }[];
    };
    expect(listed.installed.map((m) => m.file)).toEqual(["hearth-test-bow.gguf"]);
    expect(runCli(["models", "list"], env).stdout).toMatch(/hearth-test-bow\.gguf/);
    const bad = runCli(["models", "pull", "no-such-model"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a preset, a URL or an existing file/);
  });
});
