// Tests: a client command against a running daemon loads only what it needs to talk to it, never
// the model runtime, the SQLite driver or the file parsers (their load time is most of a slow
// start). Guards the lazy-import boundary that keeps `hearth status` and `hearth mcp` fast.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDaemonHost, type DaemonHost } from "../../src/host/run-daemon.js";
import { silentLogger } from "../../src/log.js";
import { CATEGORIES, US_CSV } from "../tables/statements.js";
import { NOTES } from "../fixtures.js";
import { makeHome, openTestHearth, tempDir, writeTree } from "../helpers.js";
import { waitFor } from "../daemon/converge.js";
import { BIN, runCliAsync } from "./run-cli.js";

const REGISTER = fileURLToPath(new URL("./import-log/register.mjs", import.meta.url));
const HEAVY = [
  "node-llama-cpp",
  "better-sqlite3-multiple-ciphers",
  "sqlite-vec",
  "pdf-parse",
  "mammoth",
  "exceljs",
  "mailparser",
  "tesseract.js",
  "zod",
];

let env: NodeJS.ProcessEnv;
let host: DaemonHost;
let logs: string;
let count = 0;

function heavyIn(log: string): string[] {
  const urls = readFileSync(log, "utf8").split("\n");
  return HEAVY.filter((name) => urls.some((url) => url.includes(`/node_modules/${name}/`)));
}

function logFor(name: string): { log: string; env: NodeJS.ProcessEnv } {
  const log = join(logs, `${name}-${count++}.log`);
  return { log, env: { ...env, HEARTH_IMPORT_LOG: log } };
}

async function cliImports(args: string[]): Promise<string[]> {
  const run = logFor(args[0]!);
  const result = await runCliAsync(args, run.env, ["--import", REGISTER]);
  expect(result.code, result.stderr).toBe(0);
  return heavyIn(run.log);
}

describe("client commands against a running daemon", () => {
  beforeAll(async () => {
    const root = tempDir();
    writeTree(root, { ...NOTES, "us.csv": US_CSV });
    const made = makeHome({ config: { roots: [root] } });
    env = made.env;
    writeTree(made.home, { "categories.txt": CATEGORIES });
    logs = tempDir();
    host = await startDaemonHost(await openTestHearth(env), silentLogger);
    await waitFor(async () => (await runCliAsync(["status"], env)).stdout.includes("6 indexed"));
  });
  afterAll(() => host.stop());

  it("status, search and table query load no model runtime, SQLite driver or parser", async () => {
    expect(await cliImports(["status"])).toEqual([]);
    expect(await cliImports(["search", "banana smoothie"])).toEqual([]);
    expect(await cliImports(["table", "query", "--category", "groceries"])).toEqual([]);
  });

  it("the mcp bridge answers tools/list without loading them either", async () => {
    const run = logFor("mcp");
    const client = new Client({ name: "import-guard", version: "0" });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ["--import", REGISTER, BIN, "mcp"],
      env: Object.fromEntries(
        Object.entries(run.env).filter((e): e is [string, string] => e[1] !== undefined),
      ),
      stderr: "pipe",
    });
    await client.connect(transport);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain("search");
    await client.close();
    expect(heavyIn(run.log)).toEqual([]);
  });
});
