// Tests: profiles. An agent under a profile sees only its folders, tools, tables and memory, through
// every tool and resource call, and never learns that anything outside exists: not a name, not a count.
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daemonFiles } from "../../src/config/paths.js";
import { startDaemonHost, type DaemonHost } from "../../src/host/run-daemon.js";
import { silentLogger } from "../../src/log.js";
import { runBridge } from "../../src/mcp/bridge.js";
import { TOOLS } from "../../src/mcp/server.js";
import { TOOL_NAMES } from "../../src/config/schema.js";
import { agentCaller, CLI_CALLER } from "../../src/service/caller.js";
import { Scopes } from "../../src/service/scope.js";
import { makeHome, openTestHearth, rawDb, tempDir, writeTree } from "../helpers.js";
import { freePort } from "../helpers.js";
import { callTool, connectInProcess, type ToolReply } from "../mcp/in-process.js";
import { runMain } from "../cli/run-main.js";
import { EU_CSV, US_CSV } from "../tables/statements.js";

let base: string;
let notes: string;
let finance: string;
let host: DaemonHost;
let env: NodeJS.ProcessEnv;
let home: string;
let port: number;
let memoryNote: string;

const text = (r: ToolReply) => r.content.map((c) => c.text ?? "").join("\n");
const json = (r: ToolReply) => r.structuredContent as Record<string, unknown>;

const work = () => connectInProcess(host.service, "work-agent", "work");
const money = () => connectInProcess(host.service, "money-agent", "money");

describe("profiles", () => {
  beforeAll(async () => {
    base = tempDir();
    notes = join(base, "Notes");
    finance = join(base, "finance");
    writeTree(notes, {
      "work/standup.md": "# Standup\n\nThe quarterly roadmap review moves to Thursday.\n",
      "work/ideas.md": "# Ideas\n\nA roadmap for the onboarding checklist.\n",
      "diary/2026-11-02.md":
        "# Diary\n\nFelt anxious about the biopsy results. Roadmap for healing.\n",
      "diary/broken.pdf": "%PDF-1.7 this is not really a pdf",
      "diary/pharmacy.csv": "Date,Description,Amount\n01/03/2026,PHARMACY,-$20.00\n",
    });
    writeTree(finance, { "bank/us.csv": US_CSV, "bank/eu.csv": EU_CSV });
    mkdirSync(join(notes, "work", "links"));
    symlinkSync(join(notes, "diary", "2026-11-02.md"), join(notes, "work", "links", "diary.md"));
    port = await freePort();
    const made = makeHome({
      model: true,
      config: {
        roots: [notes, finance],
        index: { debounceMs: 50 },
        mcp: { http: { enabled: true, port } },
        profiles: {
          work: {
            roots: [join(notes, "work")],
            tools: ["search", "read", "list_sources", "recent", "status"],
            tables: false,
            memory: "read",
          },
          money: { roots: [finance], memory: "none" },
        },
      },
    });
    env = made.env;
    home = made.home;
    host = await startDaemonHost(await openTestHearth(env), silentLogger);
    await host.daemon.settled();
    const saved = await host.service.remember(agentCaller("setup"), {
      title: "Roadmap owner",
      text: "Priya owns the roadmap.",
    });
    memoryNote = saved.path;
  });
  afterAll(() => host.stop());

  it("the config's tool names are the MCP server's", () => {
    expect([...TOOL_NAMES].sort()).toEqual(TOOLS.map((t) => t.name).sort());
  });

  it("lists only the profile's tools and refuses the others", async () => {
    const client = await work();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      ["list_sources", "read", "recent", "search", "status"].sort(),
    );
    for (const [tool, args] of [
      ["query_table", {}],
      ["remember", { title: "x", text: "y" }],
      ["forget", { path: memoryNote }],
    ] as const) {
      const reply = await callTool(client, tool, args);
      expect(reply.isError).toBe(true);
      expect(text(reply)).toMatch(/^TOOL_NOT_ALLOWED: profile work may not use/);
    }
  });

  it("search finds only the profile's files and memory; nothing else leaks into the answer", async () => {
    const client = await work();
    const reply = await callTool(client, "search", {
      query: "roadmap",
      mode: "keyword",
      limit: 50,
    });
    const answer = json(reply) as { results: { path: string }[]; unsearched?: unknown };
    const paths = answer.results.map((r) => r.path).sort();
    expect(paths).toEqual(
      [memoryNote, join(notes, "work/ideas.md"), join(notes, "work/standup.md")].sort(),
    );
    // The diary's failed PDF is not counted as "unsearched" for this profile.
    expect(answer.unsearched).toBeUndefined();
    const all = JSON.stringify(reply);
    expect(all).not.toContain("diary");
    expect(all).not.toContain("biopsy");
    // Semantic and hybrid obey the scope too.
    for (const mode of ["semantic", "hybrid"]) {
      const r = await callTool(client, "search", {
        query: "biopsy results anxious",
        mode,
        limit: 50,
      });
      for (const hit of (json(r) as { results: { path: string }[] }).results)
        expect(hit.path.startsWith(join(notes, "work")) || hit.path === memoryNote).toBe(true);
    }
    // The money profile does not see memory notes at all.
    const m = await callTool(await money(), "search", { query: "roadmap", mode: "keyword" });
    expect((json(m) as { results: unknown[] }).results).toEqual([]);
    const note = await callTool(await money(), "read", { path: memoryNote });
    expect(text(note)).toMatch(/^PATH_NOT_VISIBLE/);
  });

  it("every path-taking call refuses an unseen file exactly as it refuses a missing one", async () => {
    const client = await work();
    const diary = join(notes, "diary", "2026-11-02.md");
    const attempts = [
      diary, // exists, out of scope
      join(notes, "diary", "missing.md"), // does not exist
      join(notes, "work", "..", "diary", "2026-11-02.md"), // .. out of the scope
      join(notes, "work", "links", "diary.md"), // a link inside pointing out
      join(base, "elsewhere.md"), // outside every root
      join(finance, "bank", "us.csv"), // another profile's
    ];
    const refusals: string[] = [];
    for (const path of attempts) {
      for (const [tool, args] of [
        ["read", { path }],
        ["search", { query: "roadmap", path }],
      ] as const) {
        const reply = await callTool(client, tool, args);
        expect(reply.isError).toBe(true);
        refusals.push(text(reply).replace(path, "PATH"));
      }
      await expect(
        client.readResource({
          uri: `hearth://file${path.split("/").map(encodeURIComponent).join("/")}`,
        }),
      ).rejects.toThrow(/PATH_NOT_VISIBLE|not found/i);
    }
    // One answer for all: nothing tells an existing file from a missing one.
    expect(new Set(refusals).size).toBe(1);
    expect(refusals[0]).toMatch(/^PATH_NOT_VISIBLE: PATH is not a file profile work can see/);
    // A file in scope reads.
    const ok = await callTool(client, "read", { path: join(notes, "work/standup.md") });
    expect(text(ok)).toContain("quarterly roadmap");
  });

  it("list_sources, recent, resources/list and status count only the profile's files", async () => {
    const client = await work();
    const sources = json(await callTool(client, "list_sources", {})) as {
      sources: { path: string; files: number; failed: number }[];
    };
    expect(sources.sources.map((s) => [s.path, s.files, s.failed])).toEqual(
      expect.arrayContaining([[join(notes, "work"), 2, 0]]),
    );
    expect(sources.sources.map((s) => s.path)).not.toContain(notes);
    const recent = json(await callTool(client, "recent", { days: 3650 })) as {
      files: { path: string }[];
      total: number;
    };
    expect(recent.total).toBe(3); // two work notes (the link is not indexed) and the memory note
    expect(recent.files.every((f) => !f.path.includes("diary"))).toBe(true);
    const { resources } = await client.listResources();
    expect(resources.every((r) => !r.uri.includes("diary") && !r.uri.includes("finance"))).toBe(
      true,
    );
    expect(resources.length).toBe(3);
    const status = json(await callTool(client, "status", {}));
    expect(status).toMatchObject({ files: 3, failed: 0, pending: 0 });
    expect(JSON.stringify(status)).not.toContain("diary");
    // The user at the terminal sees everything, the failure included.
    const full = await host.service.status(CLI_CALLER);
    expect(full.failed).toBe(1);
    expect(full.files).toBeGreaterThan(3);
  });

  it("query_table answers only from the profile's tables; a profile without tables gets no hints", async () => {
    const m = await money();
    const request = { flow: "out", aggregates: ["count"] };
    const sum = json(await callTool(m, "query_table", request)) as {
      groups: { count: number }[];
    };
    const everything = (await host.service.queryTable(CLI_CALLER, request)) as unknown as {
      groups: { count: number }[];
    };
    // The diary's pharmacy line is the user's, not the money profile's.
    expect(sum.groups[0]!.count).toBe(everything.groups[0]!.count - 1);
    expect(JSON.stringify(sum).toLowerCase()).not.toContain("pharmacy");
    const hit = json(
      await callTool(await work(), "search", { query: "roadmap", mode: "keyword" }),
    ) as {
      results: { table?: unknown }[];
    };
    expect(hit.results.every((r) => r.table === undefined)).toBe(true);
  });

  it("changes outside the profile touch nothing it sees (no list_changed for them)", () => {
    const caller = agentCaller("x", "work");
    expect(host.service.touches(caller, [join(notes, "diary", "new.md")])).toBe(false);
    expect(host.service.touches(caller, [join(finance, "bank")])).toBe(false);
    expect(host.service.touches(caller, [join(notes, "work", "new.md")])).toBe(true);
    expect(host.service.touches(caller, [notes])).toBe(true); // its root removed
  });

  it("the audit log records the profile", async () => {
    const client = await work();
    await callTool(client, "search", { query: "standup", mode: "keyword" });
    const row = rawDb(host.service.ctx.paths.indexFile)
      .prepare("SELECT client, profile FROM audit WHERE client LIKE 'work-agent%' ORDER BY id DESC")
      .get() as { client: string; profile: string };
    expect(row.profile).toBe("work");
  });

  it("`hearth mcp --profile` runs the bridge under the profile; an unknown one exits with the reason", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const errors = new PassThrough();
    let err = "";
    errors.on("data", (d: Buffer) => (err += String(d)));
    const code = await runBridge({
      socketPath: daemonFiles(home).mcpSocketFile,
      profile: "nope",
      startDaemon: () => Promise.reject(new Error("not here")),
      input,
      output,
      errors,
    });
    expect(code).toBe(1);
    expect(err).toMatch(/PROFILE_UNKNOWN: there is no profile "nope".*use one of: money, work/s);

    const replies: string[] = [];
    const out2 = new PassThrough();
    out2.on("data", (d: Buffer) => replies.push(String(d)));
    const in2 = new PassThrough();
    const exit = runBridge({
      socketPath: daemonFiles(home).mcpSocketFile,
      profile: "work",
      startDaemon: () => Promise.resolve(),
      input: in2,
      output: out2,
      errors: new PassThrough(),
    });
    in2.write(
      JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: {
          protocolVersion: "2025-11-25",
          capabilities: {},
          clientInfo: { name: "e", version: "1" },
        },
      }) + "\n",
    );
    in2.write(JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list", params: {} }) + "\n");
    const deadline = Date.now() + 10_000;
    while (!replies.join("").includes('"id":2') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const list = replies
      .join("")
      .split("\n")
      .find((l) => l.includes('"id":2'))!;
    const names = (JSON.parse(list) as { result: { tools: { name: string }[] } }).result.tools.map(
      (t) => t.name,
    );
    expect(names).not.toContain("query_table");
    expect(names).toContain("search");
    in2.end();
    expect(await exit).toBe(0);
  });

  it("HTTP tokens carry a profile, are listed without secrets, and stop working when revoked", async () => {
    const made = await runMain(["mcp", "token", "--profile", "work"], env);
    expect(made.code).toBe(0);
    const token = made.stdout.trim();
    expect(token).toMatch(/^hth_[0-9a-f]{12}_[0-9a-f]{64}$/);
    const listed = await runMain(["mcp", "tokens", "--json"], env);
    const { tokens } = JSON.parse(listed.stdout) as { tokens: { id: string; profile: string }[] };
    expect(tokens).toEqual([expect.objectContaining({ profile: "work" })]);
    expect(listed.stdout).not.toContain(token.split("_")[2]);

    const connect = async () => {
      const client = new Client({ name: "http-work", version: "1" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), {
          requestInit: { headers: { Authorization: `Bearer ${token}` } },
        }),
      );
      return client;
    };
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).not.toContain("query_table");
    const r = (await client.callTool({
      name: "read",
      arguments: { path: join(notes, "diary", "2026-11-02.md") },
    })) as ToolReply;
    expect(text(r)).toMatch(/^PATH_NOT_VISIBLE/);
    await client.close();

    const revoked = await runMain(["mcp", "tokens", "--revoke", tokens[0]!.id], env);
    expect(revoked.stdout).toMatch(/^revoked [0-9a-f]{12} \(profile work/);
    await expect(connect()).rejects.toThrow(/401|bearer/i);
    expect((await runMain(["mcp", "token", "--profile", "nope"], env)).stderr).toMatch(
      /no profile "nope"/,
    );
  });

  it("`hearth mcp config CLIENT --profile` prints a snippet that runs the profile", async () => {
    const run = await runMain(["mcp", "config", "cursor", "--profile", "work"], env);
    const snippet = JSON.parse(run.stdout) as { mcpServers: { hearth: { args: string[] } } };
    expect(snippet.mcpServers.hearth.args.slice(-3)).toEqual(["mcp", "--profile", "work"]);
  });

  it("a bad profile in the config names the key and the reason", async () => {
    const bad = makeHome({ config: { profiles: { "bad name": { roots: [] } } } });
    const run = await runMain(["status"], bad.env);
    expect(run.stderr).toMatch(/profiles.bad name/);
    writeFileSync(
      join(bad.home, "config.json"),
      JSON.stringify({ profiles: { w: { roots: [] } } }),
    );
    expect((await runMain(["status"], bad.env)).stderr).toMatch(
      /config key "profiles\.w\.roots": must name at least one folder/,
    );
  });

  it("a profile kept from memory refuses to run when one of its folders holds the memory folder", () => {
    const folder = tempDir();
    const memory = join(folder, "ai-memory");
    mkdirSync(memory);
    const scopes = new Scopes({
      p: { roots: [folder], tables: true, memory: "none", writable: [], unconfirmedWrites: false },
    });
    expect(() => scopes.of("p", [folder, memory], memory)).toThrow(
      /profiles\.p\.memory" is "none", but the profile's folder .* holds the memory folder[\s\S]*set profiles\.p\.memory to "read"/,
    );
    const reading = new Scopes({
      p: { roots: [folder], tables: true, memory: "read", writable: [], unconfirmedWrites: false },
    });
    expect(reading.of("p", [folder, memory], memory).roots).toContain(memory);
  });
});
