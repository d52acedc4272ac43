// Tests: encryption at rest. `hearth encrypt` and `hearth decrypt` in place; every feature works on
// an encrypted index (sqlite-vec loaded, the WAL encrypted too) and its bytes hold none of the
// text; a wrong or missing key is a clear error that changes nothing; a kill mid-way leaves a
// usable index.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startDaemonHost } from "../../src/host/run-daemon.js";
import { silentLogger } from "../../src/log.js";
import { indexRoot } from "../../src/pipeline/index-root.js";
import { isEncrypted } from "../../src/store/cipher.js";
import { agentCaller, CLI_CALLER } from "../../src/service/caller.js";
import { NOTES } from "../fixtures.js";
import { makeHome, openTestHearth, tempDir, writeTree } from "../helpers.js";
import { runMain } from "../cli/run-main.js";
import { BIN } from "../cli/run-cli.js";
import { waitFor } from "../daemon/converge.js";
import { US_CSV } from "../tables/statements.js";

const WORDS = ["Quarzelbrink", "Vexilloid", "WHOLE FOODS", "sourdough"];

function bytesOf(indexFile: string): Buffer {
  return Buffer.concat(
    ["", "-wal", "-shm"].map((s) =>
      existsSync(indexFile + s) ? readFileSync(indexFile + s) : Buffer.alloc(0),
    ),
  );
}

function plaintextIn(indexFile: string): string[] {
  const bytes = bytesOf(indexFile);
  return WORDS.flatMap((w) =>
    [w, w.toLowerCase()].filter(
      (v) => bytes.includes(Buffer.from(v, "utf8")) || bytes.includes(Buffer.from(v, "utf16le")),
    ),
  );
}

async function indexedHome() {
  const root = tempDir();
  writeTree(root, {
    ...NOTES,
    "clinic.md": "# Clinic\n\nThe diagnosis code is Quarzelbrink.\n",
    "bank/us.csv": US_CSV,
  });
  const home = makeHome({ model: true, config: { roots: [root] } });
  const hearth = await openTestHearth(home.env);
  await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
  await hearth.close();
  return { root, ...home, indexFile: join(home.home, "index.sqlite") };
}

const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("encryption at rest", () => {
  it("encrypts in place; every feature works with the key and the bytes hold none of the text", async () => {
    const { root, env, indexFile } = await indexedHome();
    expect(plaintextIn(indexFile).length).toBeGreaterThan(0); // the scan can fail
    const keyed = { ...env, HEARTH_KEY: "correct horse battery staple" };
    const run = await runMain(["encrypt"], keyed);
    expect(run.stderr).toMatch(/keep the passphrase/);
    expect(run.stdout).toMatch(/^encrypted .*index\.sqlite; the key: HEARTH_KEY/);
    expect(isEncrypted(indexFile)).toBe(true);
    expect(statSync(indexFile).mode & 0o777).toBe(0o600);
    expect(plaintextIn(indexFile)).toEqual([]);

    // The daemon on the encrypted index: search in every mode, read, tables, memory, live edits.
    const hearth = await openTestHearth(keyed);
    const host = await startDaemonHost(hearth, silentLogger);
    await host.daemon.settled();
    const { service } = host;
    for (const mode of ["keyword", "semantic", "hybrid"]) {
      const found = await service.search(CLI_CALLER, { query: "Quarzelbrink diagnosis", mode });
      expect(found.results.map((r) => r.path)).toContain(join(root, "clinic.md"));
    }
    const read = await service.read(agentCaller("t"), { path: join(root, "clinic.md") });
    expect(read.text).toContain("Quarzelbrink");
    const groups = (await service.queryTable(CLI_CALLER, {
      flow: "out",
      aggregates: ["count"],
    })) as unknown as { groups: { count: number }[] };
    expect(groups.groups[0]!.count).toBeGreaterThan(0);
    await service.remember(agentCaller("t"), { title: "Locker", text: "the code is Vexilloid" });
    writeFileSync(join(root, "bread.md"), "# Bread\n\nFeed the sourdough starter daily.\n");
    await waitFor(async () => {
      const r = await service.search(CLI_CALLER, { query: "sourdough", mode: "keyword" });
      return r.results.length > 0;
    });
    // While it runs (the WAL holds the latest pages) and after: nothing readable.
    expect(plaintextIn(indexFile)).toEqual([]);
    await host.stop();
    expect(plaintextIn(indexFile)).toEqual([]);

    // The CLI alone opens it with the key; without one, or with a wrong one, it says so.
    const search = await runMain(["search", "--mode", "keyword", "sourdough"], keyed);
    expect(search.stdout).toContain("bread.md");
    const before = sha(indexFile);
    const none = await runMain(["status"], env);
    expect(none.stderr).toMatch(/index .* is encrypted and no key was given[\s\S]*HEARTH_KEY/);
    const wrong = await runMain(["status"], { ...env, HEARTH_KEY: "wrong" });
    expect(wrong.stderr).toMatch(/key from HEARTH_KEY does not open the encrypted index/);
    expect(sha(indexFile)).toBe(before); // nothing overwritten

    // Decrypt: a plain SQLite file again, everything still there.
    expect((await runMain(["decrypt"], { ...env, HEARTH_KEY: "wrong" })).stderr).toMatch(
      /does not open/,
    );
    const plain = await runMain(["decrypt"], keyed);
    expect(plain.stdout).toMatch(/^decrypted .*plain SQLite file again/);
    expect(isEncrypted(indexFile)).toBe(false);
    const after = await runMain(["search", "--mode", "keyword", "Vexilloid"], env);
    expect(after.stdout).toMatch(/Locker|memory/);
  });

  it("takes the key from an owner-only key file, and refuses one others can read", async () => {
    const { env, indexFile } = await indexedHome();
    const keyFile = join(tempDir(), "hearth.key");
    writeFileSync(keyFile, "a passphrase from a file\n", { mode: 0o644 });
    chmodSync(keyFile, 0o644);
    const fileEnv = { ...env, HEARTH_KEY_FILE: keyFile };
    expect((await runMain(["encrypt"], fileEnv)).stderr).toMatch(
      /key file .* can be read by others \(mode 644\)[\s\S]*chmod 600/,
    );
    expect(isEncrypted(indexFile)).toBe(false);
    chmodSync(keyFile, 0o600);
    expect((await runMain(["encrypt"], fileEnv)).stdout).toMatch(/the key: .*hearth\.key/);
    expect((await runMain(["status", "--json"], fileEnv)).stdout).toMatch(/"files": \d+/);
    expect((await runMain(["encrypt"], fileEnv)).stderr).toMatch(/already encrypted/);
    const binary = join(tempDir(), "binary.key");
    writeFileSync(binary, Buffer.from([0xff, 0x00, 0xfe, 0x41]), { mode: 0o600 });
    expect((await runMain(["status"], { ...env, HEARTH_KEY_FILE: binary })).stderr).toMatch(
      /key file .* is not text[\s\S]*openssl rand -hex 32/,
    );
  });

  it("without a passphrase or a keychain it refuses and says how to give one", async () => {
    const { env, indexFile } = await indexedHome();
    // This machine has no Secret Service (a container, CI): the keychain is unavailable.
    const run = await runMain(["encrypt"], env);
    expect(run.stderr).toMatch(/no OS keychain[\s\S]*HEARTH_KEY/);
    expect(isEncrypted(indexFile)).toBe(false);
    expect((await runMain(["decrypt"], env)).stderr).toMatch(/is not encrypted/);
  });

  it("a kill at any moment of encrypt or decrypt leaves a usable index", async () => {
    // Big enough (a few MB) that the copy and the rekey take a while: kills land mid-way.
    const root = tempDir();
    const words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda".split(" ");
    for (let n = 0; n < 400; n++)
      writeTree(root, {
        [`n${n}.md`]: `# Note ${n}\n\n${Array.from({ length: 300 }, (_, i) => words[(i * n) % 11]).join(" ")}\n`,
      });
    const { env } = makeHome({ config: { roots: [root] } });
    const indexFile = join(env.HEARTH_HOME!, "index.sqlite");
    const hearth = await openTestHearth(env);
    await indexRoot(hearth.indexDeps, root, { concurrency: 2 });
    await hearth.close();
    const keyed = { ...env, HEARTH_KEY: "kill me" };
    const files = async (e: NodeJS.ProcessEnv) =>
      JSON.parse((await runMain(["status", "--json"], e)).stdout) as { files: number };
    const expected = (await files(env)).files;
    for (let i = 0; i < 8; i++) {
      const command = isEncrypted(indexFile) ? "decrypt" : "encrypt";
      const child = spawn(process.execPath, [BIN, command], { env: keyed, stdio: "ignore" });
      const exited = new Promise((r) => child.once("exit", r));
      // Killed at a different moment each round: early, mid-copy, or after it finished.
      await new Promise((r) => setTimeout(r, 150 + i * 80));
      child.kill("SIGKILL");
      await exited;
      const now = await files(isEncrypted(indexFile) ? keyed : env);
      expect(now.files).toBe(expected);
    }
    // A run that completes clears what a killed one left beside the index.
    await runMain([isEncrypted(indexFile) ? "decrypt" : "encrypt"], keyed);
    expect(existsSync(`${indexFile}.rekey-tmp`)).toBe(false);
    expect((await files(isEncrypted(indexFile) ? keyed : env)).files).toBe(expected);
  });

  it("an index made from scratch while a key is at hand is encrypted from the start", async () => {
    const root = tempDir();
    writeTree(root, { "a.md": "# A\n\nThe sourdough starter needs feeding.\n" });
    const { env, home } = makeHome();
    const keyed = { ...env, HEARTH_KEY: "from the first page" };
    expect((await runMain(["index", root], keyed)).code).toBe(0);
    const indexFile = join(home, "index.sqlite");
    expect(isEncrypted(indexFile)).toBe(true);
    expect(plaintextIn(indexFile)).toEqual([]);
    expect((await runMain(["search", "--mode", "keyword", "sourdough"], keyed)).stdout).toContain(
      "a.md",
    );
    // Without a key, a new index is plain, as before.
    const plain = makeHome();
    await runMain(["index", root], plain.env);
    expect(isEncrypted(join(plain.home, "index.sqlite"))).toBe(false);
  });
});
