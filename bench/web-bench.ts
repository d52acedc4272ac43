// `npm run bench -- web`: the page's figures — its first load in Chromium (against a bare page from
// a plain node:http server in the same run), search-as-you-type over HTTP at 10k chunks (against the
// same search in-process), and the size of what the browser downloads.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { daemonFiles } from "../src/config/paths.js";
import { startDaemonHost } from "../src/host/run-daemon.js";
import { openHearth } from "../src/hearth.js";
import { silentLogger } from "../src/log.js";
import { callDaemon } from "../src/rpc/control-socket.js";
import { WEB_CALLER } from "../src/service/caller.js";
import { webAssetsDir } from "../src/web/assets.js";
import { launchChromium } from "../scripts/debian-chromium.js";
import { writeTestModel } from "../scripts/test-model/bert-bag-of-words.js";
import { summarize, timed } from "./synthetic.js";

type Stats = { p50: number; p95: number; mean: number };

export interface WebBenchResult {
  chunks: number;
  firstLoad: { page: Stats; barePage: Stats; loads: number };
  search: {
    queries: number;
    keyword: { http: Stats; inProcess: Stats; serverMs: Stats };
    hybrid: { http: Stats; inProcess: Stats; serverMs: Stats };
  };
  bundle: { files: Record<string, number>; gzippedBytes: number };
}

/** Files of ten sections each, one chunk per section: `chunks` chunks in all. */
function corpus(root: string, chunks: number): void {
  const words = "lease invoice garden travel budget meeting recipe tax insurance doctor".split(" ");
  for (let f = 0; f < chunks / 10; f++) {
    const dir = join(root, `d${Math.floor(f / 100)}`);
    mkdirSync(dir, { recursive: true });
    const sections = Array.from({ length: 10 }, (_, s) => {
      const topic = `topic${(f * 10 + s) % 997}`;
      const body = Array.from({ length: 70 }, (_, w) => words[(f + s + w) % words.length]).join(
        " ",
      );
      return `## ${topic} section ${s}\n\n${topic} ${body} ${topic}.\n`;
    });
    writeFileSync(join(dir, `note${f}.md`), `# Note ${f}\n\n${sections.join("\n")}`);
  }
}

function bundleSizes(): { files: Record<string, number>; gzippedBytes: number } {
  const dir = webAssetsDir();
  const files: Record<string, number> = {};
  for (const name of readdirSync(dir))
    files[name] = gzipSync(readFileSync(join(dir, name)), { level: 9 }).length;
  return { files, gzippedBytes: Object.values(files).reduce((a, b) => a + b, 0) };
}

export async function benchWeb(
  chunks = 10_000,
  queries = 200,
  loads = 20,
): Promise<WebBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "hearth-bench-web-"));
  const bare = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end('<!doctype html><html lang="en"><title>bare</title><input type="search"></html>');
  });
  const browser = await launchChromium();
  try {
    const model = join(dir, "model.gguf");
    writeTestModel(model);
    const root = join(dir, "notes");
    const home = join(dir, "home");
    mkdirSync(home);
    corpus(root, chunks);
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    writeFileSync(
      join(home, "config.json"),
      JSON.stringify({ roots: [root], embedding: { model, threads: 1 }, web: { port } }),
    );
    const env = { ...process.env, HEARTH_HOME: home } as Record<string, string>;
    const hearth = await openHearth({ log: silentLogger, env });
    const host = await startDaemonHost(hearth, silentLogger);
    await host.daemon.settled();
    const indexed = (await host.service.status(WEB_CALLER)).chunks;
    const origin = `http://127.0.0.1:${port}`;
    const { link } = await callDaemon<{ link: string }>(daemonFiles(home).socketFile, "web-link");
    const signIn = await fetch(link, { redirect: "manual" });
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;

    // Search as the page asks it: a GET per keystroke pause, JSON back.
    const query = (i: number) => `topic${(i * 7) % 997} lease budget`;
    const server: Record<string, number[]> = { keyword: [], hybrid: [] };
    const viaHttp = (mode: "keyword" | "hybrid") => async (i: number) => {
      const res = await fetch(
        `${origin}/api/search?q=${encodeURIComponent(query(i))}&mode=${mode}`,
        {
          headers: { cookie },
        },
      );
      server[mode]!.push(((await res.json()) as { tookMs: number }).tookMs);
    };
    const inProcess = (mode: "keyword" | "hybrid") => (i: number) =>
      host.service.search(WEB_CALLER, { query: query(i), mode, limit: 20 });
    for (let i = 0; i < 20; i++) await Promise.all([viaHttp("hybrid")(i), inProcess("hybrid")(i)]);
    server.hybrid = [];
    const search = {
      queries,
      keyword: {
        inProcess: await timed(queries, inProcess("keyword")),
        http: await timed(queries, viaHttp("keyword")),
        serverMs: { p50: 0, p95: 0, mean: 0 },
      },
      hybrid: {
        inProcess: await timed(queries, inProcess("hybrid")),
        http: await timed(queries, viaHttp("hybrid")),
        serverMs: { p50: 0, p95: 0, mean: 0 },
      },
    };
    search.keyword.serverMs = summarize(server.keyword!);
    search.hybrid.serverMs = summarize(server.hybrid);

    // First load: a fresh browser context each time (no cache), until the search box is drawn.
    await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
    const barePort = (bare.address() as { port: number }).port;
    const load = async (url: string, cookieValue?: string) => {
      const context = await browser.newContext();
      if (cookieValue)
        await context.addCookies([
          { name: cookieValue.split("=")[0]!, value: cookieValue.split("=")[1]!, url: origin },
        ]);
      const page = await context.newPage();
      const t = performance.now();
      await page.goto(url);
      await page.waitForSelector("input[type=search]");
      const ms = performance.now() - t;
      await context.close();
      return ms;
    };
    const pageMs: number[] = [];
    const bareMs: number[] = [];
    for (let i = 0; i < loads + 2; i++) {
      const a = await load(`${origin}/`, cookie);
      const b = await load(`http://127.0.0.1:${barePort}/`);
      if (i < 2) continue; // the first two warm the browser up
      pageMs.push(a);
      bareMs.push(b);
    }
    await host.stop();
    return {
      chunks: indexed,
      firstLoad: { page: summarize(pageMs), barePage: summarize(bareMs), loads },
      search,
      bundle: bundleSizes(),
    };
  } finally {
    await browser.close();
    bare.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
