// Tests: agents' actions on the user's files — confirmed through MCP elicitation (both protocol
// eras over the daemon's HTTP face, and in process), refused without it, kept inside the writable
// folders whatever the path, atomic, audited with hashes, searchable at once, and undone.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { daemonFiles } from "../../src/config/paths.js";
import { startDaemonHost, type DaemonHost } from "../../src/host/run-daemon.js";
import { silentLogger } from "../../src/log.js";
import { CLI_CALLER } from "../../src/service/caller.js";
import { runMain } from "../cli/run-main.js";
import { freePort, makeHome, openTestHearth, tempDir, writeTree } from "../helpers.js";
import { callTool, connectInProcess, type ToolReply } from "./in-process.js";
import { connectStdio } from "./mcp-client.js";

type Answer = "accept" | "decline" | "cancel";

let host: DaemonHost;
let env: NodeJS.ProcessEnv;
let root: string;
let notes: string;
let port: number;
let token: string;

const sha = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");
const text = (r: ToolReply) => r.content.map((c) => c.text ?? "").join("\n");
const json = (r: ToolReply) => r.structuredContent as Record<string, unknown>;
const note = (name: string) => join(notes, name);

const JOURNAL = "# Journal\n\n## To do\n- call mom\n\n## Done\n- taxes\n";

/** A client whose user answers every confirmation with `answer` (and which records what it saw). */
function answering(answer: Answer, seen: string[], onAsk?: (message: string) => void) {
  return (client: Client) =>
    client.setRequestHandler("elicitation/create", (request) => {
      const message = (request.params as { message: string }).message;
      seen.push(message);
      onAsk?.(message);
      return Promise.resolve(
        answer === "accept" ? { action: "accept", content: { confirm: true } } : { action: answer },
      );
    });
}

const ELICITING = { capabilities: { elicitation: { form: {} } } };

async function inProcess(
  answer: Answer | null,
  seen: string[] = [],
  profile: string | null = null,
) {
  return connectInProcess(
    host.service,
    "editor",
    profile,
    answer ? ELICITING : {},
    answer ? answering(answer, seen) : undefined,
  );
}

async function overHttp(era: "2025-11-25" | "2026-07-28", answer: Answer, seen: string[]) {
  const client = new Client(
    { name: `http-${era}`, version: "1" },
    {
      ...ELICITING,
      ...(era === "2026-07-28" ? { versionNegotiation: { mode: { pin: "2026-07-28" } } } : {}),
    },
  );
  answering(answer, seen)(client);
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

describe("actions on the user's files", () => {
  beforeAll(async () => {
    root = tempDir();
    notes = join(root, "notes");
    writeTree(root, {
      "notes/journal.md": JOURNAL,
      "private/secret.md": "# Secret\n\nthe safe combination is 7-3-9\n",
    });
    symlinkSync(join(root, "private/secret.md"), note("out.md"));
    symlinkSync(join(root, "private"), note("linked"));
    symlinkSync(join(root, "private/nothing.md"), note("dangling.md"));
    port = await freePort();
    const home = makeHome({
      model: true,
      config: {
        roots: [root],
        index: { debounceMs: 50 },
        mcp: { http: { enabled: true, port } },
        actions: { writable: [notes] },
        profiles: {
          unasked: { roots: [root], writable: [notes], unconfirmedWrites: true },
          reader: { roots: [root] },
        },
      },
    });
    env = home.env;
    host = await startDaemonHost(await openTestHearth(env), silentLogger);
    await host.daemon.settled();
    token = readFileSync(daemonFiles(home.home).tokenFile, "utf8").trim();
  });
  afterAll(() => host.stop());
  beforeEach(() => writeFileSync(note("journal.md"), JOURNAL));

  it("lists the action tools with honest annotations, only where a folder is writable", async () => {
    const { tools } = await (await inProcess(null)).listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get("append_to_note")?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
    });
    expect(byName.get("edit_note")?.annotations).toMatchObject({ destructiveHint: true });
    expect(byName.get("move_file")?.annotations).toMatchObject({ destructiveHint: true });
    expect(byName.get("create_note")?.annotations).toMatchObject({ destructiveHint: false });
    const reader = await inProcess(null, [], "reader");
    const names = (await reader.listTools()).tools.map((t) => t.name);
    expect(names).toContain("read");
    expect(names).not.toContain("append_to_note");
    const refused = await callTool(reader, "append_to_note", {
      path: note("journal.md"),
      text: "x",
    });
    expect(text(refused)).toMatch(/^TOOL_NOT_ALLOWED/);
    expect(readFileSync(note("journal.md"), "utf8")).toBe(JOURNAL);
  });

  for (const era of ["2025-11-25", "2026-07-28"] as const) {
    it(`a ${era} client's user confirms the change they were shown; it is written, audited and searchable`, async () => {
      const seen: string[] = [];
      const client = await overHttp(era, "accept", seen);
      const reply = (await client.callTool({
        name: "append_to_note",
        arguments: { path: note("journal.md"), text: `- buy oat milk ${era}`, heading: "To do" },
      })) as ToolReply;
      expect(reply.isError, text(reply)).toBeFalsy();
      const after = readFileSync(note("journal.md"), "utf8");
      expect(after).toBe(
        `# Journal\n\n## To do\n- call mom\n- buy oat milk ${era}\n\n## Done\n- taxes\n`,
      );
      expect(seen).toHaveLength(1);
      expect(seen[0]).toContain(`http-${era} 1 wants to append 1 line(s) to ${note("journal.md")}`);
      expect(seen[0]).toContain(`+ 5\t- buy oat milk ${era}`);
      expect(json(reply)).toMatchObject({
        tool: "append_to_note",
        path: note("journal.md"),
        line: 5,
        beforeHash: sha(JOURNAL),
        hash: sha(after),
      });
      const found = await host.service.search(CLI_CALLER, { query: `oat milk`, mode: "keyword" });
      expect(found.results[0]?.path).toBe(note("journal.md"));
      const [entry] = host.service.ctx.store.audit
        .since(0)
        .filter((e) => e.client === `http-${era} 1`);
      expect(entry).toMatchObject({
        tool: "append_to_note",
        error: null,
        paths: [note("journal.md")],
      });
      expect(entry!.arguments).toMatchObject({
        text: `(${`- buy oat milk ${era}`.length} chars)`,
        outcome: { before: sha(JOURNAL), after: sha(after) },
      });
      expect(JSON.stringify(entry!.arguments)).not.toContain("oat milk");
      await client.close();
    });
  }

  for (const era of ["2025-11-25", "2026-07-28"] as const) {
    it(`confirms through the hearth mcp bridge too (${era}, a spawned process)`, async () => {
      const seen: string[] = [];
      const client = await connectStdio(env, era, undefined, {
        capabilities: ELICITING.capabilities,
        prepare: answering("accept", seen),
      });
      const reply = (await client.callTool({
        name: "create_note",
        arguments: { path: note(`inbox/${era}.md`), text: "# Inbox\n\n- from the editor\n" },
      })) as ToolReply;
      expect(reply.isError, text(reply)).toBeFalsy();
      expect(seen[0]).toContain(`+ 3\t- from the editor`);
      expect(readFileSync(note(`inbox/${era}.md`), "utf8")).toBe("# Inbox\n\n- from the editor\n");
      await client.close();
    });
  }

  it("declined and dismissed are reported as such, and nothing is written", async () => {
    for (const [answer, code] of [
      ["decline", "WRITE_DECLINED"],
      ["cancel", "WRITE_CANCELLED"],
    ] as const) {
      const seen: string[] = [];
      const client = await inProcess(answer, seen);
      for (const [tool, args] of [
        ["append_to_note", { path: note("journal.md"), text: "- no" }],
        ["create_note", { path: note("new.md"), text: "# New\n" }],
        ["move_file", { from: note("journal.md"), to: note("moved.md") }],
      ] as const) {
        const reply = await callTool(client, tool, args);
        expect(reply.isError).toBe(true);
        expect(text(reply)).toMatch(new RegExp(`^${code}`));
      }
      expect(seen).toHaveLength(3);
      expect(readFileSync(note("journal.md"), "utf8")).toBe(JOURNAL);
      expect(existsSync(note("new.md")) || existsSync(note("moved.md"))).toBe(false);
    }
    const refusals = host.service.ctx.store.audit.since(0).filter((e) => e.client === "editor 0.1");
    expect(refusals.map((e) => e.error?.split(":")[0])).toEqual(
      expect.arrayContaining(["WRITE_DECLINED", "WRITE_CANCELLED"]),
    );
  });

  it("a client that cannot ask is refused, unless its profile allows unconfirmed writes", async () => {
    const plain = await inProcess(null);
    const refused = await callTool(plain, "append_to_note", {
      path: note("journal.md"),
      text: "- x",
    });
    expect(text(refused)).toMatch(/^CONFIRMATION_UNAVAILABLE: .*elicitation/);
    expect(text(refused)).toContain('"actions.unconfirmedWrites": true');
    expect(readFileSync(note("journal.md"), "utf8")).toBe(JOURNAL);
    const unasked = await inProcess(null, [], "unasked");
    const done = await callTool(unasked, "append_to_note", {
      path: note("journal.md"),
      text: "- y",
    });
    expect(done.isError, text(done)).toBeFalsy();
    expect(readFileSync(note("journal.md"), "utf8")).toBe(JOURNAL + "- y\n");
  });

  it("edit_note refuses a note changed since it was read, and a span that is missing or repeated", async () => {
    const client = await inProcess("accept");
    const read = json(await callTool(client, "read", { path: note("journal.md") }));
    expect(read.hash).toBe(sha(JOURNAL));
    writeFileSync(note("journal.md"), JOURNAL + "- the user typed this\n");
    const edit = { path: note("journal.md"), old_text: "- call mom", new_text: "- called mom" };
    const stale = await callTool(client, "edit_note", { ...edit, hash: read.hash });
    expect(text(stale)).toMatch(/^CHANGED_SINCE_READ: .* changed since you read it/);
    const again = json(await callTool(client, "read", { path: note("journal.md") }));
    const done = await callTool(client, "edit_note", { ...edit, hash: again.hash });
    expect(done.isError, text(done)).toBeFalsy();
    expect(readFileSync(note("journal.md"), "utf8")).toBe(
      JOURNAL.replace("- call mom", "- called mom") + "- the user typed this\n",
    );
    const hash = json(done).hash;
    const missing = await callTool(client, "edit_note", { ...edit, old_text: "- nope", hash });
    expect(text(missing)).toMatch(/^SPAN_NOT_FOUND/);
    const repeated = await callTool(client, "edit_note", { ...edit, old_text: "- ", hash });
    expect(text(repeated)).toMatch(/^SPAN_NOT_UNIQUE: .*occurs 3 times/);
  });

  it("a note changed while the user looked is shown again before anything is written", async () => {
    const seen: string[] = [];
    let first = true;
    const client = await connectInProcess(host.service, "editor", null, ELICITING, (c) =>
      answering("accept", seen, () => {
        if (first) writeFileSync(note("journal.md"), JOURNAL + "- typed meanwhile\n");
        first = false;
      })(c),
    );
    const reply = await callTool(client, "append_to_note", {
      path: note("journal.md"),
      text: "- z",
    });
    expect(reply.isError, text(reply)).toBeFalsy();
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatch(/^The file changed while you were deciding/);
    expect(readFileSync(note("journal.md"), "utf8")).toBe(JOURNAL + "- typed meanwhile\n- z\n");
  });

  it("refuses every path out of the writable folders (.., links, other folders, the memory folder) alike, and changes nothing", async () => {
    const client = await inProcess(null, [], "unasked");
    const secret = readFileSync(join(root, "private/secret.md"), "utf8");
    // Existing or not, a path outside gets the same answer: nothing is learnt of what is there.
    const outside = [
      "../private/secret.md",
      join(notes, "../private/secret.md"),
      note("out.md"),
      note("linked/secret.md"),
      note("linked/nothing.md"),
      note("dangling.md"),
      join(root, "private/secret.md"),
      join(root, "private/nothing.md"),
      "/etc/hostname",
    ];
    const calls: [string, Record<string, unknown>][] = [];
    for (const path of outside) {
      calls.push(["append_to_note", { path, text: "- leaked" }]);
      calls.push(["edit_note", { path, hash: "0".repeat(64), old_text: "safe", new_text: "x" }]);
      calls.push(["move_file", { from: path, to: note("taken.md") }]);
      if (path === note("out.md") || path === note("dangling.md")) continue;
      calls.push(["create_note", { path, text: "# leaked\n" }]);
      calls.push(["move_file", { from: note("journal.md"), to: path }]);
    }
    for (const [tool, args] of calls) {
      const reply = await callTool(client, tool, args);
      expect(text(reply), `${tool} ${JSON.stringify(args)}`).toMatch(/^PATH_NOT_WRITABLE: /);
    }
    // A link inside the writable folder is a name taken there, whatever it points at.
    for (const path of [note("out.md"), note("dangling.md")]) {
      const reply = await callTool(client, "create_note", { path, text: "x" });
      expect(text(reply)).toMatch(/^FILE_EXISTS/);
    }
    expect(readFileSync(join(root, "private/secret.md"), "utf8")).toBe(secret);
    expect(readdirSync(join(root, "private")).sort()).toEqual(["secret.md"]);
    expect(existsSync(note("taken.md"))).toBe(false);
    expect(readFileSync(note("journal.md"), "utf8")).toBe(JOURNAL);
  });

  it("an answer counts once, for the profile and tool that asked; a forged one is refused", async () => {
    const client = new Client(
      { name: "manual", version: "1" },
      {
        ...ELICITING,
        versionNegotiation: { mode: { pin: "2026-07-28" } },
        inputRequired: { autoFulfill: false },
      },
    );
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      }),
    );
    const args = { path: note("journal.md"), text: "- once" };
    const call = (extra: Record<string, unknown>) =>
      client.callTool(
        { name: "append_to_note", arguments: args, ...extra },
        {
          allowInputRequired: true,
        },
      ) as Promise<ToolReply & { resultType?: string; requestState?: string }>;
    const asked = await call({});
    expect(asked.resultType).toBe("input_required");
    const accept = { confirm: { action: "accept", content: { confirm: true } } };
    const done = await call({ inputResponses: accept, requestState: asked.requestState });
    expect(done.isError, text(done)).toBeFalsy();
    const again = await call({ inputResponses: accept, requestState: asked.requestState });
    expect(text(again)).toMatch(/^CONFIRMATION_SPENT/);
    expect(readFileSync(note("journal.md"), "utf8")).toBe(JOURNAL + "- once\n");
    await expect(call({ inputResponses: accept, requestState: "forged" })).rejects.toThrow();
    const noState = await call({ inputResponses: accept });
    expect(text(noState)).toMatch(/^BAD_ARGUMENT: this answer does not belong/);
    const otherTool = await client.callTool({
      name: "create_note",
      arguments: { path: note("other.md"), text: "x" },
      inputResponses: accept,
      requestState: asked.requestState,
    } as never);
    expect(text(otherTool as ToolReply)).toMatch(/^BAD_ARGUMENT/);
    expect(existsSync(note("other.md"))).toBe(false);
    await client.close();
  });

  it("two clients writing one note at once: both appends land; of two edits of one version, one", async () => {
    const [a, b] = [await inProcess("accept"), await inProcess("accept")];
    const appends = await Promise.all([
      callTool(a, "append_to_note", { path: note("journal.md"), text: "- from a" }),
      callTool(b, "append_to_note", { path: note("journal.md"), text: "- from b" }),
    ]);
    expect(appends.map((r) => r.isError ?? false)).toEqual([false, false]);
    const both = readFileSync(note("journal.md"), "utf8");
    expect(both.startsWith(JOURNAL)).toBe(true);
    expect(both.slice(JOURNAL.length).split("\n").sort()).toEqual(["", "- from a", "- from b"]);
    const edit = { path: note("journal.md"), hash: sha(both), old_text: "- taxes" };
    const edits = await Promise.all([
      callTool(a, "edit_note", { ...edit, new_text: "- taxes (a)" }),
      callTool(b, "edit_note", { ...edit, new_text: "- taxes (b)" }),
    ]);
    expect(edits.filter((r) => !r.isError)).toHaveLength(1);
    expect(text(edits.find((r) => r.isError)!)).toMatch(/^CHANGED_SINCE_READ/);
  });

  it("hearth undo puts back each kind of action, newest first, and refuses once the file moved on", async () => {
    const client = await inProcess(null, [], "unasked");
    const ok = async (tool: string, args: Record<string, unknown>) => {
      const reply = await callTool(client, tool, args);
      expect(reply.isError, text(reply)).toBeFalsy();
      return json(reply);
    };
    mkdirSync(note("2026"), { recursive: true });
    const created = await ok("create_note", { path: "2026/plan.md", text: "# Plan\n\n- ship\n" });
    expect(created.path).toBe(note("2026/plan.md"));
    await ok("append_to_note", { path: note("journal.md"), text: "- appended" });
    const read = json(await callTool(client, "read", { path: note("journal.md") }));
    await ok("edit_note", {
      path: note("journal.md"),
      hash: read.hash,
      old_text: "- taxes",
      new_text: "- taxes, filed",
    });
    await ok("move_file", { from: note("2026/plan.md"), to: note("plans/2026.md") });
    const moved = await host.service.search(CLI_CALLER, { query: "ship plan", mode: "keyword" });
    expect(moved.results.map((r) => r.path)).toContain(note("plans/2026.md"));
    expect(moved.results.map((r) => r.path)).not.toContain(note("2026/plan.md"));

    const listed = await runMain(["actions", "--json"], env);
    const { actions } = JSON.parse(listed.stdout) as { actions: { tool: string }[] };
    expect(actions.slice(0, 4).map((a) => a.tool)).toEqual([
      "move_file",
      "edit_note",
      "append_to_note",
      "create_note",
    ]);

    const undoMove = await runMain(["undo"], env);
    expect(undoMove.stdout).toMatch(/^undone: .*move_file/);
    expect(existsSync(note("2026/plan.md")) && !existsSync(note("plans/2026.md"))).toBe(true);
    expect((await runMain(["undo", "2"], env)).code).toBe(0);
    expect(readFileSync(note("journal.md"), "utf8")).toBe(JOURNAL);
    writeFileSync(note("2026/plan.md"), "# Plan\n\n- ship\n- the user added this\n");
    const refused = await runMain(["undo"], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(
      /action \d+ \(create_note\) cannot be undone: .* changed after it/,
    );
    expect(existsSync(note("2026/plan.md"))).toBe(true);
    writeFileSync(note("2026/plan.md"), "# Plan\n\n- ship\n");
    expect((await runMain(["undo"], env)).stdout).toMatch(/^undone: .*create_note/);
    expect(existsSync(note("2026/plan.md"))).toBe(false);
    const after = await host.service.search(CLI_CALLER, { query: "ship plan", mode: "keyword" });
    expect(after.results.map((r) => r.path)).not.toContain(note("plans/2026.md"));
  });
});

describe("hearth undo without a daemon", () => {
  it("puts the file back under the daemon's lock; the index catches up when the daemon starts", async () => {
    const folder = tempDir();
    writeTree(folder, { "todo.md": "# To do\n" });
    const home = makeHome({
      config: { roots: [folder], actions: { writable: [folder], unconfirmedWrites: true } },
    });
    const daemon = await startDaemonHost(await openTestHearth(home.env), silentLogger);
    await daemon.daemon.settled();
    const client = await connectInProcess(daemon.service, "editor");
    const reply = await callTool(client, "append_to_note", { path: "todo.md", text: "- walk" });
    expect(reply.isError, text(reply)).toBeFalsy();
    await daemon.stop();
    const undone = await runMain(["undo", "--json"], home.env);
    expect(undone.code, undone.stderr).toBe(0);
    expect(JSON.parse(undone.stdout)).toMatchObject({ undone: [{ tool: "append_to_note" }] });
    expect(readFileSync(join(folder, "todo.md"), "utf8")).toBe("# To do\n");
    const again = await runMain(["undo"], home.env);
    expect(again.stderr).toMatch(/no action is left to undo/);
  });
});

describe("the memory folder inside a writable folder", () => {
  it("is still written only by remember and forget", async () => {
    const folder = tempDir();
    writeTree(folder, { "ok.md": "# OK\n" });
    const home = makeHome({
      config: {
        roots: [folder],
        memory: { dir: join(folder, "memory") },
        actions: { writable: [folder], unconfirmedWrites: true },
      },
    });
    const daemon = await startDaemonHost(await openTestHearth(home.env), silentLogger);
    await daemon.daemon.settled();
    try {
      const client = await connectInProcess(daemon.service, "editor");
      const kept = json(await callTool(client, "remember", { title: "Pin", text: "4711" }));
      const memoryNote = kept.path as string;
      const hash = sha(readFileSync(memoryNote));
      for (const [tool, args] of [
        ["create_note", { path: join(folder, "memory/planted.md"), text: "x" }],
        ["append_to_note", { path: memoryNote, text: "- changed" }],
        ["edit_note", { path: memoryNote, hash, old_text: "4711", new_text: "0000" }],
        ["move_file", { from: memoryNote, to: join(folder, "stolen.md") }],
        ["move_file", { from: join(folder, "ok.md"), to: join(folder, "memory/ok.md") }],
      ] as const) {
        const reply = await callTool(client, tool, args);
        expect(text(reply), tool).toMatch(/^PATH_NOT_WRITABLE/);
      }
      expect(sha(readFileSync(memoryNote))).toBe(hash);
      expect(existsSync(join(folder, "memory/planted.md"))).toBe(false);
      const fine = await callTool(client, "append_to_note", { path: "ok.md", text: "- fine" });
      expect(fine.isError, text(fine)).toBeFalsy();
    } finally {
      await daemon.stop();
    }
  });
});
