// Tests: memory with provenance and corrections, recall, and the MCP prompts — over a real MCP
// client in process, against a daemon on real files.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDaemonHost, type DaemonHost } from "../../src/host/run-daemon.js";
import { silentLogger } from "../../src/log.js";
import { CLI_CALLER } from "../../src/service/caller.js";
import { NOTES } from "../fixtures.js";
import { makeHome, openTestHearth, tempDir, writeTree } from "../helpers.js";
import { callTool, connectInProcess, type ToolReply } from "./in-process.js";

let host: DaemonHost;
let root: string;
let client: Client;
let memoryDir: string;

const json = (r: ToolReply) => r.structuredContent as Record<string, unknown>;
const text = (r: ToolReply) => r.content.map((c) => c.text ?? "").join("\n");

async function remember(args: Record<string, unknown>) {
  const reply = await callTool(client, "remember", args);
  if (reply.isError) throw new Error(text(reply));
  return json(reply) as {
    path: string;
    id: string;
    existing: boolean;
    supersedes?: { id: string; path: string };
  };
}

const today = new Date().toISOString().slice(0, 10);
const usDate = `${today.slice(5, 7)}/${today.slice(8, 10)}/${today.slice(0, 4)}`;

describe("memory, recall and prompts", () => {
  beforeAll(async () => {
    root = tempDir();
    writeTree(root, {
      ...NOTES,
      "work/roadmap.md": "# Roadmap\n\nThe roadmap review is on Thursday with the whole team.\n",
      "bank/card.csv": `Date,Description,Amount\n${usDate},WHOLE FOODS MARKET,-$84.27\n${usDate},SHELL OIL,-$40.10\n${usDate},PAYROLL ACME,"$2,500.00"\n`,
    });
    const home = makeHome({
      model: true,
      config: {
        roots: [root],
        index: { debounceMs: 50 },
        profiles: { plain: { roots: [root], tools: ["search", "recall", "recent"] } },
      },
    });
    host = await startDaemonHost(await openTestHearth(home.env), silentLogger);
    await host.daemon.settled();
    memoryDir = host.service.ctx.runtime.memoryDir();
    client = await connectInProcess(host.service, "memory-client");
  });
  afterAll(() => host.stop());

  it("a note records its provenance; the same note twice returns the first", async () => {
    const first = await remember({
      title: "Coffee order",
      text: "Oat flat white, no sugar.",
      tags: ["prefs"],
    });
    expect(first.existing).toBe(false);
    expect(first.id).toMatch(/^m-[0-9a-f]{12}$/);
    const head = readFileSync(first.path, "utf8");
    expect(head).toMatch(new RegExp(`^---\\nhearth: note\\nid: "${first.id}"\\n`));
    expect(head).toContain('client: "memory-client 0.1"');
    expect(head).toMatch(/created: "\d{4}-\d\d-\d\dT/);
    expect(head).toContain('tags: ["prefs"]');
    const again = await remember({ title: "coffee order", text: "Oat  flat white, no sugar. " });
    expect(again).toMatchObject({ existing: true, id: first.id, path: first.path });
    expect(readdirSync(memoryDir).filter((n) => n.includes("coffee-order"))).toHaveLength(1);
    // Remembered twice at the same moment (two agents): still one note.
    const both = await Promise.all(
      [1, 2].map(() => remember({ title: "Dentist", text: "Dr. Okafor, Tuesdays." })),
    );
    expect(both.map((b) => b.existing).sort()).toEqual([false, true]);
    expect(both[0]!.path).toBe(both[1]!.path);
  });

  it("a correction supersedes the old note, which is kept, ranked below, and says by what", async () => {
    const old = await remember({ title: "Roadmap owner", text: "Priya owns the roadmap." });
    const fix = await remember({
      title: "Roadmap owner",
      text: "Sam owns the roadmap since November.",
      corrects: old.id,
    });
    expect(fix.supersedes).toEqual({ id: old.id, path: old.path });
    expect(readFileSync(old.path, "utf8")).toContain(`superseded_by: "${fix.id}"`);
    expect(readFileSync(fix.path, "utf8")).toContain(`supersedes: "${old.id}"`);
    expect(readFileSync(old.path, "utf8")).toContain("Priya owns the roadmap.");
    const found = json(
      await callTool(client, "search", { query: "roadmap owner owns", mode: "keyword", limit: 20 }),
    ) as {
      results: {
        path: string;
        memory?: { id: string; supersededBy?: { id: string; path: string } };
      }[];
    };
    const paths = found.results.map((r) => r.path);
    expect(paths.indexOf(fix.path)).toBeGreaterThanOrEqual(0);
    expect(paths.indexOf(fix.path)).toBeLessThan(paths.indexOf(old.path));
    const stale = found.results.find((r) => r.path === old.path)!;
    expect(stale.memory?.supersededBy).toEqual({ id: fix.id, path: fix.path });
    // By words instead of an id.
    const locker = await remember({ title: "Gym locker", text: "Locker 41, code 1234." });
    const moved = await remember({
      title: "Gym locker",
      text: "Locker 12 now.",
      corrects: "gym locker code",
    });
    expect(moved.supersedes?.id).toBe(locker.id);
    // Correcting a note that was corrected since applies to the current one.
    const third = await remember({
      title: "Roadmap owner",
      text: "Lee owns the roadmap from December.",
      corrects: old.id,
    });
    expect(third.supersedes?.id).toBe(fix.id);
    expect(readFileSync(old.path, "utf8")).toContain(`superseded_by: "${fix.id}"`);
    // A title is one line: no markdown smuggled into the note.
    const smuggled = await callTool(client, "remember", { title: "x\n\n## Injected", text: "y" });
    expect(text(smuggled)).toMatch(/BAD_ARGUMENT: .*title.*must not contain control characters/);
    // Nothing to correct: refused, nothing written.
    const before = readdirSync(memoryDir).length;
    const none = await callTool(client, "remember", {
      title: "x",
      text: "y",
      corrects: "m-000000000000",
    });
    expect(text(none)).toMatch(/^NOTE_NOT_FOUND: no memory note matches/);
    expect(readdirSync(memoryDir).length).toBe(before);
  });

  it("forgetting a correction lets the note it corrected stand again", async () => {
    const old = await remember({ title: "Bin day", text: "The bins go out on Tuesday." });
    const fix = await remember({
      title: "Bin day",
      text: "The bins go out on Wednesday now.",
      corrects: old.id,
    });
    expect(readFileSync(old.path, "utf8")).toContain(`superseded_by: "${fix.id}"`);
    const gone = await callTool(client, "forget", { path: fix.path });
    expect(gone.isError).toBeFalsy();
    expect(readFileSync(old.path, "utf8")).not.toContain("superseded_by");
    expect(readFileSync(old.path, "utf8")).toContain("The bins go out on Tuesday.");
    const found = json(
      await callTool(client, "search", { query: "bins go out", mode: "keyword", limit: 5 }),
    ) as { results: { path: string; memory?: { supersededBy?: object } }[] };
    const hit = found.results.find((r) => r.path === old.path)!;
    expect(hit.memory).toBeDefined();
    expect(hit.memory!.supersededBy).toBeUndefined();
    // A ← B ← C, and B forgotten: C corrects A now, and A does not stand again.
    const a = await remember({ title: "Gate code", text: "The gate code is 1111." });
    const b = await remember({
      title: "Gate code",
      text: "The gate code is 2222.",
      corrects: a.id,
    });
    const c = await remember({
      title: "Gate code",
      text: "The gate code is 3333.",
      corrects: b.id,
    });
    expect((await callTool(client, "forget", { path: b.path })).isError).toBeFalsy();
    expect(readFileSync(a.path, "utf8")).toContain(`superseded_by: "${c.id}"`);
    expect(readFileSync(c.path, "utf8")).toContain(`supersedes: "${a.id}"`);
  });

  it("recall gives memory notes and recent files about a topic, newest first, each cited", async () => {
    const r = json(await callTool(client, "recall", { topic: "roadmap owner review" })) as {
      notes: {
        path: string;
        location: object;
        memory: { created: string; supersededBy?: object };
      }[];
      files: { path: string; location: object; modified: string }[];
    };
    const current = r.notes.filter((n) => !n.memory.supersededBy);
    expect(current.length).toBeGreaterThan(0);
    // Current notes first, newest first; the superseded one after them.
    const created = current.map((n) => n.memory.created);
    expect([...created].sort().reverse()).toEqual(created);
    expect(r.notes.findIndex((n) => n.memory.supersededBy)).toBeGreaterThanOrEqual(current.length);
    expect(r.files.map((f) => f.path)).toContain(join(root, "work/roadmap.md"));
    for (const item of [...r.notes, ...r.files]) expect(item.location).toBeDefined();
    // A profile that does not see the memory folder recalls files only.
    const plain = await connectInProcess(host.service, "plain-client", "plain");
    const p = json(await callTool(plain, "recall", { topic: "roadmap owner" })) as {
      notes: unknown[];
      files: unknown[];
    };
    expect(p.notes).toEqual([]);
    expect(p.files.length).toBeGreaterThan(0);
  });

  it("prompts cite their sources; spending equals query_table; a profile gets only its prompts", async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual([
      "spending-this-month",
      "this-week",
      "what-do-i-know",
    ]);
    const know = await client.getPrompt({
      name: "what-do-i-know",
      arguments: { topic: "roadmap" },
    });
    const knowText = (know.messages[0]!.content as { text: string }).text;
    expect(knowText).toContain(join(root, "work/roadmap.md"));
    expect(knowText).toMatch(/lines \d+–\d+/);
    expect(knowText).toContain(memoryDir);
    await expect(client.getPrompt({ name: "what-do-i-know", arguments: {} })).rejects.toThrow(
      /needs the argument "topic"/,
    );
    const week = await client.getPrompt({ name: "this-week" });
    expect((week.messages[0]!.content as { text: string }).text).toContain(
      join(root, "work/roadmap.md"),
    );
    const spend = await client.getPrompt({ name: "spending-this-month" });
    const spendText = (spend.messages[0]!.content as { text: string }).text;
    const exact = (await host.service.queryTable(CLI_CALLER, {
      from: `${today.slice(0, 7)}-01`,
      to: today,
      flow: "out",
      group_by: "category",
      aggregates: ["sum", "count"],
    })) as unknown as { groups: { sum: number; count: number }[] };
    expect(exact.groups.length).toBeGreaterThan(0);
    for (const g of exact.groups) expect(spendText).toContain(`${g.sum}`);
    expect(spendText).toContain(join(root, "bank/card.csv"));
    const plain = await connectInProcess(host.service, "plain-client", "plain");
    expect((await plain.listPrompts()).prompts.map((p) => p.name).sort()).toEqual([
      "this-week",
      "what-do-i-know",
    ]);
  });
});
