// Tests: an agent reads exactly what Hearth would index — never a secret, an ignored or hidden file,
// Hearth's own data, a FIFO, a huge file, or anything outside the roots, however the path is sent.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hearth } from "../../src/hearth.js";
import { serviceOver } from "../../src/host/open-service.js";
import { startDaemonHost, type DaemonHost } from "../../src/host/run-daemon.js";
import { silentLogger } from "../../src/log.js";
import { fileUri } from "../../src/mcp/file-uri.js";
import { encodeCursor } from "../../src/service/cursor.js";
import { waitFor } from "../daemon/converge.js";
import { makeHome, openTestHearth, tempDir, writeTree } from "../helpers.js";
import { callTool, connectInProcess } from "./in-process.js";

let root: string;
let outside: string;
let hearth: Hearth;
let host: DaemonHost;
let client: Client;

const SECRETS: Record<string, string> = {
  ".env": "AWS_SECRET=env-secret",
  id_rsa: "-----BEGIN OPENSSH PRIVATE KEY----- rsa-secret",
  "server.pem": "-----BEGIN CERTIFICATE----- pem-secret",
  "credentials.json": '{"token": "credentials-secret"}',
  ".netrc": "machine example.com password netrc-secret",
  "secrets.yaml": "password: yaml-secret",
  ".git/config": "[remote] url = git-secret",
  "node_modules/pkg/readme.md": "node-modules-secret",
  ".hidden-note.md": "hidden-secret",
  "private/diary.md": "gitignored-secret",
  "build/out.md": "build-folder-secret",
};

const errorText = (r: { content: { text?: string }[] }) => r.content[0]?.text ?? "";

describe("confinement: what an agent may read", () => {
  beforeAll(async () => {
    const base = tempDir();
    root = join(base, "notes");
    outside = join(base, "elsewhere");
    writeTree(root, {
      "ok.md": "# Fine\n\nA note anyone may read.\n",
      ".gitignore": "private/\n",
      "big.md": "x".repeat(50_000),
      ...SECRETS,
    });
    writeTree(outside, { "secret.md": "outside-secret" });
    mkdirSync(join(root, "folder"));
    execFileSync("mkfifo", [join(root, "pipe.md")]);
    symlinkSync(join(outside, "secret.md"), join(root, "link-out.md"));
    const home = makeHome({
      config: { roots: [root], index: { debounceMs: 50, maxFileBytes: 20_000 } },
    });
    hearth = await openTestHearth(home.env);
    host = await startDaemonHost(hearth, silentLogger);
    await host.daemon.settled();
    client = await connectInProcess(host.service, "attacker");
  });
  afterAll(() => host.stop());

  it("refuses secrets, ignored, hidden and tool files, naming the rule and how to change it", async () => {
    for (const name of Object.keys(SECRETS)) {
      const result = await callTool(client, "read", { path: join(root, name) });
      expect(result.isError, name).toBe(true);
      expect(errorText(result), name).toMatch(/^(PATH_NOT_INDEXABLE|FILE_KIND_UNSUPPORTED): /);
      expect(errorText(result), name).toMatch(/fix: /);
      expect(errorText(result), name).not.toMatch(/secret"|-secret/);
    }
    const env = await callTool(client, "read", { path: join(root, ".env") });
    expect(errorText(env)).toMatch(/hidden file/);
    const key = await callTool(client, "read", { path: join(root, "server.pem") });
    expect(errorText(key)).toMatch(/looks like a secret[\s\S]*index\.indexSecrets/);
    const git = await callTool(client, "read", { path: join(root, ".git/config") });
    expect(errorText(git)).toMatch(/inside .*\.git/);
    const ignored = await callTool(client, "read", { path: join(root, "private/diary.md") });
    expect(errorText(ignored)).toMatch(/\.gitignore/);
  });

  it("refuses the same files through a crafted cursor and as resources", async () => {
    const cursor = encodeCursor("read", { path: join(root, ".env"), line: 1 });
    const crafted = await callTool(client, "read", { cursor });
    expect(crafted.isError).toBe(true);
    expect(errorText(crafted)).toMatch(/PATH_NOT_INDEXABLE/);
    for (const name of ["id_rsa", ".env", "private/diary.md"]) {
      await expect(client.readResource({ uri: fileUri(join(root, name)) }), name).rejects.toThrow(
        /PATH_NOT_INDEXABLE|FILE_KIND_UNSUPPORTED/,
      );
    }
    const ok = await client.readResource({ uri: fileUri(join(root, "ok.md")) });
    expect((ok.contents[0] as { text: string }).text).toMatch(/A note anyone may read/);
  });

  it("never searches, lists or reports the refused files", async () => {
    for (const word of ["secret", "AWS_SECRET", "gitignored"]) {
      const hits = await callTool(client, "search", { query: word, mode: "keyword" });
      expect((hits.structuredContent as { results: unknown[] }).results, word).toEqual([]);
    }
    const recent = await callTool(client, "recent", { days: 1 });
    const listed = (recent.structuredContent as { files: { path: string }[] }).files.map(
      (f) => f.path,
    );
    expect(listed).toContain(join(root, "ok.md"));
    for (const name of Object.keys(SECRETS)) expect(listed).not.toContain(join(root, name));
  });

  it("refuses a FIFO at once, and a read after several FIFO reads still answers", async () => {
    for (let i = 0; i < 6; i++) {
      const fifo = await callTool(client, "read", { path: join(root, "pipe.md") });
      expect(fifo.isError).toBe(true);
      expect(errorText(fifo)).toMatch(/PATH_NOT_FILE: .*named pipe/);
    }
    const after = await callTool(client, "read", { path: join(root, "ok.md") });
    expect(after.isError).toBeFalsy();
    // A FIFO made while the daemon runs is passed over too, and indexing goes on around it.
    execFileSync("mkfifo", [join(root, "pipe2.md")]);
    writeFileSync(join(root, "after-pipe.md"), "written after the pipe\n");
    await waitFor(() => hearth.store.getFile(join(root, "after-pipe.md"))?.status === "indexed");
    await host.daemon.settled();
    for (const pipe of ["pipe.md", "pipe2.md"])
      expect(hearth.store.getFile(join(root, pipe))).toBeNull();
  });

  it("applies the size limit to read as to indexing, and refuses a folder plainly", async () => {
    const big = await callTool(client, "read", { path: join(root, "big.md") });
    expect(big.isError).toBe(true);
    expect(errorText(big)).toMatch(/FILE_TOO_LARGE: .*index\.maxFileBytes[\s\S]*fix: raise/);
    const folder = await callTool(client, "read", { path: join(root, "folder") });
    expect(folder.isError).toBe(true);
    expect(errorText(folder)).toMatch(/PATH_NOT_FILE: .*is a folder/);
    expect(errorText(folder)).not.toMatch(/internal|EISDIR/);
  });

  it("keeps refusing what always held: traversal, siblings, links out, NUL, encodings", async () => {
    const attempts = [
      join(root, "..", "elsewhere", "secret.md"),
      `${root}/../elsewhere/secret.md`,
      join(root, "link-out.md"),
      "/etc/passwd",
      `${root}-old/x.md`,
      `${root}/%2e%2e/elsewhere/secret.md`,
      `${root}/ok.md\0.txt`,
    ];
    for (const path of attempts) {
      const result = await callTool(client, "read", { path });
      expect(result.isError, path).toBe(true);
      expect(errorText(result), path).toMatch(
        /PATH_OUTSIDE_ROOTS|PATH_NOT_FOUND|BAD_ARGUMENT: read: "path": must not contain a NUL/,
      );
      expect(errorText(result), path).not.toMatch(/outside-secret/);
    }
    const sql = await callTool(client, "search", {
      query: `"; DROP TABLE files; -- NEAR(a b) OR * ^title:x`,
    });
    expect(sql.isError).toBeFalsy();
  });
});

describe("confinement: Hearth's own data folder inside a root", () => {
  it("indexes and serves none of it but the memory folder", async () => {
    const root = tempDir();
    writeTree(root, { "ok.md": "# Ok\n\nvisible words\n" });
    const dataDir = join(root, "hearth-data");
    mkdirSync(dataDir);
    const env = { ...process.env, HEARTH_HOME: dataDir };
    writeFileSync(
      join(dataDir, "config.json"),
      JSON.stringify({ roots: [root], index: { debounceMs: 50 } }),
    );
    const home = await openTestHearth(env);
    const local = await startDaemonHost(home, silentLogger);
    try {
      await local.daemon.settled();
      const agent = await connectInProcess(local.service);
      writeFileSync(join(dataDir, "mcp-token"), "token-secret-".repeat(4));
      writeFileSync(join(dataDir, "daemon.log"), "a log line naming token-secret\n");
      writeFileSync(join(dataDir, "notes-about-hearth.md"), "token-secret in a markdown file\n");
      await local.daemon.settled();
      for (const name of [
        "config.json",
        "daemon.log",
        "mcp-token",
        "index.sqlite",
        "notes-about-hearth.md",
      ]) {
        const result = await callTool(agent, "read", { path: join(dataDir, name) });
        expect(result.isError, name).toBe(true);
        expect(errorText(result), name).not.toMatch(/token-secret/);
      }
      const log = await callTool(agent, "read", { path: join(dataDir, "daemon.log") });
      expect(errorText(log)).toMatch(/Hearth's own data folder/);
      const saved = await callTool(agent, "remember", { title: "Kept", text: "a memory" });
      expect(saved.isError).toBeFalsy();
      const path = (saved.structuredContent as { path: string }).path;
      const readBack = await callTool(agent, "read", { path });
      expect(readBack.isError).toBeFalsy();
      expect(local.service.ctx.store.getFile(join(dataDir, "daemon.log"))).toBeNull();
      expect(local.service.ctx.store.getFile(join(dataDir, "notes-about-hearth.md"))).toBeNull();
    } finally {
      await local.stop();
    }
  });
});

describe("confinement: check and use are the same file", () => {
  it("never serves an outside file while a folder is swapped for a symlink in a loop", async () => {
    const base = tempDir();
    const root = join(base, "notes");
    const away = join(base, "away");
    writeTree(root, { "swap/file.md": "INSIDE the root\n", "ok.md": "ok" });
    writeTree(away, { "file.md": "OUTSIDE-SECRET\n" });
    const home = makeHome({ config: { roots: [root] } });
    // The service over the config's roots, as without a daemon: the same read path, and no watcher
    // drowning in the swapper's events on a busy machine.
    const agent = await connectInProcess(await serviceOver(await openTestHearth(home.env)));
    // Another process swaps notes/swap between the real folder and a link to the outside, nonstop.
    const swapper = spawn(
      process.execPath,
      [
        "-e",
        `const fs = require("fs");
         const dir = ${JSON.stringify(join(root, "swap"))}, real = dir + ".real";
         const away = ${JSON.stringify(away)};
         for (;;) {
           try { fs.renameSync(dir, real); fs.symlinkSync(away, dir);
                 fs.unlinkSync(dir); fs.renameSync(real, dir); } catch {}
         }`,
      ],
      { stdio: "ignore" },
    );
    try {
      for (let i = 0; i < 600; i++) {
        const result = await callTool(agent, "read", { path: join(root, "swap/file.md") });
        expect(errorText(result)).not.toMatch(/OUTSIDE-SECRET/);
      }
    } finally {
      swapper.kill("SIGKILL");
    }
  });
});
