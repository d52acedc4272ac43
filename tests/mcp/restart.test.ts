// Tests: editors survive a daemon restart — real SDK clients of both protocol eras, through spawned
// `hearth mcp` bridges, keep their sessions while the daemon under them is replaced.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startDaemonHost } from "../../src/host/run-daemon.js";
import { silentLogger } from "../../src/log.js";
import { NOTES } from "../fixtures.js";
import { makeHome, openTestHearth, tempDir, writeTree } from "../helpers.js";
import { waitFor } from "../daemon/converge.js";
import { connectStdio } from "./mcp-client.js";

describe("a daemon restart under connected editors", () => {
  it("is a brief 'restarting' answer, then the same sessions go on", async () => {
    const root = tempDir();
    writeTree(root, NOTES);
    const { env } = makeHome({ config: { roots: [root] } });
    const first = await startDaemonHost(await openTestHearth(env), silentLogger);
    await first.daemon.settled();
    const clients = [await connectStdio(env, "2025-11-25"), await connectStdio(env, "2026-07-28")];
    const search = async (client: (typeof clients)[number]) =>
      (await client.callTool({ name: "search", arguments: { query: "cherry tomatoes" } })) as {
        isError?: boolean;
        content: { text?: string }[];
        structuredContent?: { results: { path: string }[] };
      };
    for (const client of clients)
      expect((await search(client)).structuredContent?.results[0]?.path).toBe(
        join(root, "garden/tomatoes.md"),
      );

    await first.stop();
    for (const client of clients) {
      const gap = await search(client);
      expect(gap.isError).toBe(true);
      expect(gap.content[0]?.text).toMatch(/Hearth is restarting/);
    }
    const second = await startDaemonHost(await openTestHearth(env), silentLogger);
    try {
      for (const client of clients) {
        await waitFor(async () => !(await search(client)).isError, 10_000);
        expect((await search(client)).structuredContent?.results[0]?.path).toBe(
          join(root, "garden/tomatoes.md"),
        );
      }
    } finally {
      for (const client of clients) await client.close();
      await second.stop();
    }
  });
});
