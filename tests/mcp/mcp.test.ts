// Tests: MCP over stdio (hearth mcp → daemon).
import { mkdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDaemonHost, type DaemonHost } from "../../src/host/run-daemon.js";
import type { Hearth } from "../../src/hearth.js";
import { silentLogger } from "../../src/log.js";
import { NOTES } from "../fixtures.js";
import { makeHome, openTestHearth, tempDir, writeTree } from "../helpers.js";
import { waitFor } from "../daemon/converge.js";
import { connectStdio } from "./mcp-client.js";
import { runMain } from "../cli/run-main.js";

interface TextItem {
  type: string;
  text?: string;
  uri?: string;
}

let root: string;
let outside: string;
let hearth: Hearth;
let host: DaemonHost;
let env: NodeJS.ProcessEnv;
let client: Client;
let changes = 0;

async function call(name: string, args: Record<string, unknown>, c: Client = client) {
  const result = await c.callTool({ name, arguments: args });
  return result as {
    isError?: boolean;
    structuredContent?: Record<string, unknown>;
    content: TextItem[];
  };
}

describe("MCP over stdio (hearth mcp → daemon)", () => {
  beforeAll(async () => {
    const base = tempDir();
    root = join(base, "notes");
    outside = join(base, "notes-old");
    writeTree(root, NOTES);
    writeTree(outside, { "secret.md": "outside the root" });
    writeTree(root, {
      "long.md": Array.from({ length: 5000 }, (_, i) => `line ${i + 1} of a very long file`).join(
        "\n",
      ),
    });
    symlinkSync(join(outside, "secret.md"), join(root, "link-out.md"));
    const home = makeHome({ model: true, config: { roots: [root], index: { debounceMs: 50 } } });
    env = home.env;
    hearth = await openTestHearth(env);
    host = await startDaemonHost(hearth, silentLogger);
    await host.daemon.settled();
    client = await connectStdio(env, "2025-11-25", () => changes++);
  });
  afterAll(async () => {
    await client.close();
    await host.stop();
  });

  it("lists the tools with schemas and honest annotations", async () => {
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect([...byName.keys()].sort()).toEqual([
      "forget",
      "list_sources",
      "query_table",
      "read",
      "recall",
      "recent",
      "remember",
      "search",
      "status",
    ]);
    for (const t of tools) {
      expect(t.inputSchema.type).toBe("object");
      expect(t.outputSchema?.type).toBe("object");
      expect(t.annotations?.openWorldHint).toBe(false);
    }
    expect(byName.get("recall")!.annotations).toMatchObject({ readOnlyHint: true });
    expect(byName.get("search")!.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
    });
    expect(byName.get("forget")!.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
    });
    expect(byName.get("remember")!.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
    });
  });

  it("search returns structured hits with locations and resource links, the same as text", async () => {
    const result = await call("search", { query: "apartment lease", limit: 3 });
    expect(result.isError).toBeFalsy();
    const hits = (
      result.structuredContent as { results: { path: string; location: unknown; uri: string }[] }
    ).results;
    expect(hits[0]).toMatchObject({
      path: join(root, "home/lease.md"),
      location: { startLine: 1, endLine: 7 },
    });
    expect(JSON.parse(result.content[0]!.text!)).toEqual(result.structuredContent);
    expect(result.content.some((c) => c.type === "resource_link" && c.uri === hits[0]!.uri)).toBe(
      true,
    );
    const filtered = await call("search", { query: "lease", kinds: ["txt"], mode: "keyword" });
    expect((filtered.structuredContent as { results: unknown[] }).results).toEqual([]);
  });

  it("search says when files in its scope failed to index, so no match is not read as absence", async () => {
    writeTree(root, { "broken/scan.pdf": "%PDF-1.4 this is not really a PDF" });
    await waitFor(() => hearth.store.counts().failed === 1, 30_000);
    const broken = await call("search", { query: "tax return", path: join(root, "broken") });
    const unsearched = (broken.structuredContent as { unsearched?: Record<string, unknown> })
      .unsearched;
    expect(unsearched).toMatchObject({ pending: 0, failed: 1, partial: 0 });
    expect(unsearched?.hint).toMatch(/1 failed to index.*hearth doctor FILE/);
    const clean = await call("search", { query: "tax return", path: join(root, "home") });
    expect(clean.structuredContent).not.toHaveProperty("unsearched");
    const cli = await runMain(["search", "tax", "return", "--path", join(root, "broken")], env);
    expect(cli.stderr).toMatch(/note: results may be incomplete.*1 failed to index/);
    rmSync(join(root, "broken"), { recursive: true });
    await waitFor(() => hearth.store.counts().failed === 0, 30_000);
  });

  it("reports bad arguments as tool errors that say what to send", async () => {
    const missing = await call("search", {});
    expect(missing.isError).toBe(true);
    expect(missing.content[0]!.text).toMatch(/query/);
    const badRange = await call("read", {
      path: join(root, "home/lease.md"),
      startLine: 5,
      endLine: 2,
    });
    expect(badRange.isError).toBe(true);
    expect(badRange.content[0]!.text).toMatch(/send endLine ≥ startLine/);
  });

  it("read returns numbered lines and a cursor when the range is too big", async () => {
    const small = await call("read", {
      path: join(root, "home/lease.md"),
      startLine: 3,
      endLine: 3,
    });
    expect(small.structuredContent).toMatchObject({
      startLine: 3,
      endLine: 3,
      text: expect.stringMatching(/^3\tAfter a long talk/) as unknown,
    });
    const big = await call("read", { path: join(root, "long.md") });
    const first = big.structuredContent as { endLine: number; nextCursor: string; text: string };
    expect(first.text.length).toBeLessThanOrEqual(40_000);
    expect(first.nextCursor).toBeTruthy();
    const next = await call("read", { cursor: first.nextCursor });
    expect((next.structuredContent as { startLine: number }).startLine).toBe(first.endLine + 1);
  });

  it("refuses every path that leaves the roots", async () => {
    const attempts = [
      join(root, "..", "notes-old", "secret.md"), // traversal
      join(outside, "secret.md"), // a sibling sharing the prefix
      join(root, "link-out.md"), // a symlink pointing outside
      "/etc/passwd", // elsewhere
      "../notes-old/secret.md",
    ];
    for (const path of attempts) {
      const result = await call("read", { path });
      expect(result.isError, path).toBe(true);
      expect(result.content[0]!.text).toMatch(/outside the folders Hearth indexes|does not exist/);
    }
    const search = await call("search", { query: "secret", path: outside });
    expect(search.isError).toBe(true);
  });

  it("list_sources, recent and status describe the index", async () => {
    const sources = (await call("list_sources", {})).structuredContent as {
      sources: { path: string; files: number; kinds: Record<string, number> }[];
    };
    const notes = sources.sources.find((s) => s.path === root)!;
    expect(notes.files).toBe(6);
    expect(notes.kinds).toMatchObject({ md: 4, txt: 2 });
    const recent = (await call("recent", { days: 1, limit: 2 })).structuredContent as {
      files: unknown[];
      total: number;
      nextCursor?: string;
    };
    expect(recent.files).toHaveLength(2);
    expect(recent.total).toBeGreaterThanOrEqual(6);
    const more = (await call("recent", { days: 1, limit: 2, cursor: recent.nextCursor }))
      .structuredContent as { files: { path: string }[] };
    expect(more.files).toHaveLength(2);
    const status = (await call("status", {})).structuredContent as { files: number; model: string };
    expect(status).toMatchObject({ model: "hearth-test-bow" });
    expect(status.files).toBeGreaterThanOrEqual(6);
  });

  it("remember writes a note in the memory folder, searchable at once; forget deletes only such notes", async () => {
    const progress: string[] = [];
    const saved = (await client.callTool(
      {
        name: "remember",
        arguments: {
          title: "Boiler service",
          text: "The boiler was serviced by Kessler Heating; next visit in October.",
          tags: ["home"],
        },
      },
      { onprogress: (p) => progress.push(`${p.progress}/${p.total ?? "?"} ${p.message ?? ""}`) },
    )) as { isError?: boolean; structuredContent?: Record<string, unknown> };
    // (The final progress notification is sent just before the answer; the SDK client may handle
    // the answer first and drop it, so the wire order is tested in bridge.test.ts.)
    expect(progress[0]).toBe("1/2 note written; indexing it");
    expect(saved.isError).toBeFalsy();
    const path = (saved.structuredContent as { path: string }).path;
    expect(path.startsWith(host.daemon.memoryDir())).toBe(true);
    const found = (await call("search", { query: "boiler Kessler", mode: "keyword" }))
      .structuredContent as { results: { path: string }[] };
    expect(found.results[0]?.path).toBe(path);

    const refused = await call("forget", { path: join(root, "home/lease.md") });
    expect(refused.isError).toBe(true);
    expect(existsSync(join(root, "home/lease.md"))).toBe(true);
    writeFileSync(
      join(host.daemon.memoryDir(), "handwritten.md"),
      "# Mine\n\nNot from remember.\n",
    );
    const notHearths = await call("forget", {
      path: join(host.daemon.memoryDir(), "handwritten.md"),
    });
    expect(notHearths.isError).toBe(true);
    expect(notHearths.content[0]!.text).toMatch(/not written by remember/);

    const forgot = await call("forget", { path });
    expect(forgot.isError).toBeFalsy();
    expect(existsSync(path)).toBe(false);
    const gone = (await call("search", { query: "boiler Kessler", mode: "keyword" }))
      .structuredContent as { results: unknown[] };
    expect(gone.results).toEqual([]);
  });

  it("serves files as resources and notifies list_changed when a file is added", async () => {
    const { resources } = await client.listResources();
    const lease = resources.find((r) => r.uri.endsWith("/home/lease.md"))!;
    expect(lease.uri).toBe(`hearth://file${encodeURI(join(root, "home/lease.md"))}`);
    const read = await client.readResource({ uri: lease.uri });
    expect((read.contents[0] as { text: string }).text).toMatch(/^1\t# Apartment lease/);
    await expect(
      client.readResource({ uri: `hearth://file${encodeURI(join(outside, "secret.md"))}` }),
    ).rejects.toThrow();

    const before = changes;
    mkdirSync(join(root, "new"), { recursive: true });
    writeFileSync(join(root, "new/arrived.md"), "A new arrival.\n");
    await waitFor(() => changes > before, 10_000);
  });

  it("records every call in the audit log with the client's name", () => {
    const entries = hearth.store.audit.since(0);
    expect(
      entries.some(
        (e) => e.tool === "search" && e.client === "hearth-test-client 1.2.3" && e.paths.length > 0,
      ),
    ).toBe(true);
    expect(entries.some((e) => e.tool === "read" && e.error?.includes("outside"))).toBe(true);
  });

  it("serves a 2026-07-28 client (server/discover, no initialize) too", async () => {
    const modern = await connectStdio(env, "2026-07-28");
    expect(modern.getNegotiatedProtocolVersion()).toBe("2026-07-28");
    const result = await call("search", { query: "cherry tomatoes" }, modern);
    expect((result.structuredContent as { results: { path: string }[] }).results[0]?.path).toBe(
      join(root, "garden/tomatoes.md"),
    );
    await modern.close();
    const last = hearth.store.audit.since(0)[0]!;
    expect(last).toMatchObject({ tool: "search", client: "hearth-test-client 1.2.3" });
  });

  it("ten clients search at once while the daemon works through a backlog", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 800; i++)
      files[`backlog/${i % 8}/b${i}.md`] =
        `# Backlog ${i}\n\n${"Quarterly numbers and notes. ".repeat(20)}\n`;
    writeTree(root, files);
    const clients = await Promise.all(Array.from({ length: 10 }, () => connectStdio(env)));
    const results = await Promise.all(
      clients.flatMap((c) =>
        Array.from({ length: 5 }, () => call("search", { query: "apartment lease", limit: 5 }, c)),
      ),
    );
    expect(results.every((r) => !r.isError)).toBe(true);
    expect(
      results.every(
        (r) =>
          (r.structuredContent as { results: { path: string }[] }).results[0]?.path ===
          join(root, "home/lease.md"),
      ),
    ).toBe(true);
    await Promise.all(clients.map((c) => c.close()));
  });
  it("lists resources in pages with a cursor", async () => {
    await waitFor(() => hearth.store.counts().files >= 800, 60_000);
    await host.daemon.settled();
    // A raw request gets one page (the SDK client's listResources() aggregates them all).
    const firstPage = await client.request({ method: "resources/list", params: {} });
    expect(firstPage.resources).toHaveLength(100);
    expect(firstPage.nextCursor).toBeTruthy();
    const secondPage = await client.listResources({ cursor: firstPage.nextCursor });
    expect(secondPage.resources[0]!.uri).not.toBe(firstPage.resources[0]!.uri);
    const all = await client.listResources();
    expect(all.resources.length).toBe(hearth.store.counts().files);
  });
});
