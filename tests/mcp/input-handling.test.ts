// Tests: bad input gets a coded answer that says what to send — bounded inputs, strict schemas,
// idempotent tools, one notion of roots, Unicode paths, resource URIs, and no terminal injection.
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDaemonHost, type DaemonHost } from "../../src/host/run-daemon.js";
import { silentLogger } from "../../src/log.js";
import { fileUri, pathOfUri } from "../../src/mcp/file-uri.js";
import { agentCaller } from "../../src/service/caller.js";
import { makeHome, openTestHearth, tempDir, writeTree } from "../helpers.js";
import { runMain } from "../cli/run-main.js";
import { callTool, connectInProcess } from "./in-process.js";
import { waitFor } from "../daemon/converge.js";

const STATEMENT =
  "Date,Description,Amount\n2026-01-05,Coffee beans,-12.50\n2026-01-09,Rent,-900.00\n";

let root: string;
let env: NodeJS.ProcessEnv;
let host: DaemonHost;
let client: Client;

const text = (r: { content: { text?: string }[] }) => r.content[0]?.text ?? "";

describe("input handling", () => {
  beforeAll(async () => {
    // An astral-plane character in the root: substr() counts it as one, JS .length as two.
    root = join(tempDir(), "notes-😀");
    writeTree(root, {
      "a.md": "# Alpha\n\nThe alpha note about lentils.\n",
      "money/statement.csv": STATEMENT,
      "odd names/with space #hash ?query %percent ü.md": "# Odd\n\nodd-name words here\n",
    });
    const home = makeHome({ config: { index: { debounceMs: 50 } } });
    env = home.env;
    // A one-shot index first: its folder is a root for everyone afterwards.
    const indexed = await runMain(["index", root], env);
    expect(indexed.code, indexed.stderr).toBe(0);
    host = await startDaemonHost(await openTestHearth(env), silentLogger);
    await host.daemon.settled();
    client = await connectInProcess(host.service);
  });
  afterAll(() => host.stop());

  it("reads, lists and counts what a one-shot index put in, as search finds it", async () => {
    const sources = (await callTool(client, "list_sources", {})).structuredContent as {
      sources: { path: string; files: number }[];
    };
    expect(sources.sources.find((s) => s.path === root)?.files).toBe(3);
    const read = await callTool(client, "read", { path: join(root, "a.md") });
    expect(read.isError).toBeFalsy();
    const status = await runMain(["status", "--json"], env);
    const roots = (JSON.parse(status.stdout) as { roots: { path: string }[] }).roots;
    expect(roots.map((r) => r.path)).toContain(root);
  });

  it("filters by a folder with an emoji in its name, everywhere a path is taken", async () => {
    const search = await runMain(
      ["search", "lentils", "--mode", "keyword", "--path", root, "--json"],
      env,
    );
    expect(search.code, search.stderr).toBe(0);
    expect((JSON.parse(search.stdout) as { results: unknown[] }).results).toHaveLength(1);
    const mcp = await callTool(client, "search", { query: "lentils", mode: "keyword", path: root });
    expect((mcp.structuredContent as { results: unknown[] }).results).toHaveLength(1);
    const table = await runMain(["table", "query", "--in", root, "--json"], env);
    expect(table.code, table.stderr).toBe(0);
    expect((JSON.parse(table.stdout) as { total: number }).total).toBe(2);
    const tool = await callTool(client, "query_table", { path: join(root, "money") });
    expect(tool.structuredContent).toMatchObject({ answer: "rows", total: 2 });
  });

  it("escapes resource URIs one way and reads them back the other", async () => {
    const odd = join(root, "odd names/with space #hash ?query %percent ü.md");
    const uri = fileUri(odd);
    expect(uri).not.toMatch(/[ #?]|%(?![0-9A-F]{2})/);
    expect(pathOfUri(uri)).toBe(odd);
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain(uri);
    const read = await client.readResource({ uri });
    expect((read.contents[0] as { text: string }).text).toMatch(/odd-name words/);
    expect(pathOfUri("hearth://file/%E0%A4%A")).toBeNull();
    await expect(client.readResource({ uri: "hearth://file/%E0%A4%A" })).rejects.toThrow(
      /not a Hearth file URI/,
    );
    // A file that does not exist is the SDK's "resource not found", not an internal error (-32603).
    const gone = fileUri(join(root, "gone.md"));
    await expect(client.readResource({ uri: gone })).rejects.toMatchObject({
      code: -32602,
      data: { uri: gone },
    });
  });

  it("bounds every input, says what to send, and rejects unknown arguments on every tool", async () => {
    const kinds = await callTool(client, "search", {
      query: "x",
      kinds: Array.from({ length: 40_000 }, (_, i) => `k${i}`),
    });
    expect(kinds.isError).toBe(true);
    expect(text(kinds)).toMatch(/BAD_ARGUMENT: search: "kinds": at most 50 kinds/);
    const date = await callTool(client, "search", { query: "x", modifiedAfter: "yesterday" });
    expect(text(date)).toMatch(/"modifiedAfter": must be an ISO date \(2026-03-01\)/);
    for (const [tool, args] of [
      ["search", { query: "x", sql: "select 1" }],
      ["read", { path: join(root, "a.md"), encoding: "raw" }],
      ["list_sources", { all: true }],
      ["recent", { days: 1, everything: true }],
      ["status", { verbose: true }],
      ["query_table", { sql: "select 1" }],
      ["remember", { title: "t", text: "x", path: "/tmp/x" }],
      ["forget", { path: "x", force: true }],
      ["recall", { topic: "x", everything: true }],
    ] as const) {
      const result = await callTool(client, tool, args);
      expect(result.isError, tool).toBe(true);
      expect(text(result), tool).toMatch(/BAD_ARGUMENT: .*unknown field/);
    }
    await expect(client.callTool({ name: "delete_everything", arguments: {} })).rejects.toThrow(
      /unknown tool "delete_everything"; Hearth's tools are: search, recall, read/,
    );
    const tools = await client.listTools();
    const table = tools.tools.find((t) => t.name === "query_table")!;
    expect(JSON.stringify(table)).not.toMatch(/list_tables/);
  });

  it("refuses bad cursors instead of starting over", async () => {
    await expect(client.listResources({ cursor: "not-a-cursor" })).rejects.toThrow(
      /CURSOR_INVALID/,
    );
    const recent = await callTool(client, "recent", {
      cursor: Buffer.from("5").toString("base64url"),
    });
    expect(text(recent)).toMatch(/CURSOR_INVALID: the cursor is not one `recent` gave/);
    const read = await callTool(client, "read", { cursor: "!!" });
    expect(text(read)).toMatch(/CURSOR_INVALID/);
  });

  it("remember refuses control characters; forget is idempotent under concurrency", async () => {
    const nul = await callTool(client, "remember", { title: "bad\0title", text: "x" });
    expect(text(nul)).toMatch(
      /BAD_ARGUMENT: remember: "title": must not contain control characters/,
    );
    const saved = await callTool(client, "remember", { title: "Plan", text: "the plan" });
    const path = (saved.structuredContent as { path: string }).path;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => callTool(client, "forget", { path })),
    );
    expect(results.every((r) => !r.isError)).toBe(true);
    const existed = results.map((r) => (r.structuredContent as { existed: boolean }).existed);
    expect(existed.filter(Boolean).length).toBeLessThanOrEqual(1);
    const again = await callTool(client, "forget", { path });
    expect(again.structuredContent).toMatchObject({ deleted: path, existed: false });
  });

  it("escapes control characters in everything the CLI prints", async () => {
    const evil = await connectInProcess(host.service, "evil\x1b[2J\x1b]0;owned\x07");
    const name = "title\x1b[31m.md";
    writeFileSync(join(root, name), "# Bell \x07 and \x9b csi\n\nescape words\n");
    await host.daemon.settled();
    await callTool(evil, "search", { query: "escape words", mode: "keyword" });
    await host.service.read(agentCaller("evil\x1b[2J"), { path: join(root, name) });
    for (const args of [
      ["audit"],
      ["audit", "--json"],
      ["search", "escape", "words", "--mode", "keyword"],
      ["search", "escape", "words", "--mode", "keyword", "--json"],
      ["status"],
    ]) {
      const out = await runMain(args, env);
      expect(out.code, out.stderr).toBe(0);
      // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
      expect(out.stdout, args.join(" ")).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    }
    const audit = await runMain(["audit"], env);
    expect(audit.stdout).toContain("evil\\x1b[2J");
  });
});

describe("cancellation", () => {
  it("a cancelled remember leaves no note, whenever the cancel arrives", async () => {
    const { env } = makeHome();
    const local = await startDaemonHost(await openTestHearth(env), silentLogger);
    try {
      const agent = await connectInProcess(local.service);
      for (let run = 0; run < 8; run++) {
        const abort = new AbortController();
        const call = agent.callTool(
          { name: "remember", arguments: { title: `Cancelled ${run}`, text: "never kept" } },
          { signal: abort.signal },
        );
        // Cancel at a different moment each run: at once, or a little later.
        if (run < 4) abort.abort();
        else setTimeout(() => abort.abort(), run - 4);
        await call.catch(() => undefined);
      }
      // Every note that exists belongs to a call that finished and was reported done; every
      // cancelled call left nothing. (Handlers may still be finishing: wait for them to agree.)
      const kept = () =>
        readdirSync(local.daemon.memoryDir()).filter((f) => f.includes("cancelled"));
      const done = () =>
        local.service.ctx.store.audit
          .since(0)
          .filter((e) => e.tool === "remember" && e.error === null).length;
      const cancelled = () =>
        local.service.ctx.store.audit
          .since(0)
          .filter((e) => e.tool === "remember" && e.error?.includes("CANCELLED")).length;
      // (A call cancelled before it was sent never reaches Hearth at all.)
      await waitFor(() => kept().length === done(), 10_000);
      expect(cancelled()).toBeGreaterThan(0);
    } finally {
      await local.stop();
    }
  });
});
