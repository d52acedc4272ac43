// Tests: the audit log keeps no copy of a note's text, and with audit.queries "hash" no query text.
import { describe, expect, it } from "vitest";
import { startDaemonHost } from "../../src/host/run-daemon.js";
import { silentLogger } from "../../src/log.js";
import { NOTES } from "../fixtures.js";
import { makeHome, openTestHearth, rawDb, tempDir, writeTree } from "../helpers.js";
import { callTool, connectInProcess } from "../mcp/in-process.js";

async function hostWith(queries: "text" | "hash") {
  const root = tempDir();
  writeTree(root, NOTES);
  const { env } = makeHome({ model: true, config: { roots: [root], audit: { queries } } });
  const hearth = await openTestHearth(env);
  const host = await startDaemonHost(hearth, silentLogger);
  await host.daemon.settled();
  return { hearth, host, client: await connectInProcess(host.service, "auditor") };
}

describe("audit privacy", () => {
  it('"hash" logs what was looked for as a salted hash; equal queries hash alike', async () => {
    const { hearth, host, client } = await hostWith("hash");
    await callTool(client, "search", { query: "Sourdough Starter", mode: "keyword" });
    await callTool(client, "search", { query: "Sourdough Starter", mode: "keyword" });
    await callTool(client, "query_table", { text: "Pharmacy", equals: { currency: "EUR" } });
    const rows = rawDb(hearth).prepare("SELECT tool, arguments FROM audit ORDER BY id").all() as {
      tool: string;
      arguments: string;
    }[];
    await host.stop();
    const [first, second, table] = rows.map(
      (r) => JSON.parse(r.arguments) as Record<string, unknown>,
    );
    expect(first!.query).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(second!.query).toBe(first!.query);
    expect(first!.mode).toBe("keyword");
    expect(table!.text).toMatch(/^sha256:/);
    expect(table!.equals).toMatch(/^sha256:/);
    const all = JSON.stringify(rows).toLowerCase();
    for (const word of ["sourdough", "pharmacy", "eur"]) expect(all).not.toContain(word);
  });

  it("never copies a remembered note's text; forget leaves the log without it", async () => {
    const { hearth, host, client } = await hostWith("text");
    const saved = await callTool(client, "remember", {
      title: "Locker code",
      text: "the gym locker code is Vexilloid 4417",
    });
    const { path } = saved.structuredContent as { path: string };
    await callTool(client, "forget", { path });
    const logged = JSON.stringify(rawDb(hearth).prepare("SELECT * FROM audit").all());
    await host.stop();
    expect(logged).toContain("Locker code"); // "text": the title is what the agent asked for
    expect(logged).toContain("(37 chars)");
    expect(logged).not.toContain("Vexilloid");
  });
});
