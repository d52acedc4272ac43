// Tests: faults never lose work silently — a full index retries until space returns, a root deleted
// and made again is watched again, and folders or files that cannot be read are reported.
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Hearth } from "../../src/hearth.js";
import { startDaemonHost } from "../../src/host/run-daemon.js";
import { silentLogger } from "../../src/log.js";
import { makeHome, openTestHearth, tempDir, writeTree } from "../helpers.js";
import { BIN } from "../cli/run-cli.js";
import { waitFor } from "./converge.js";

/** Mounting a small tmpfs (root, or a permissive container) makes a real full disk. */
const canMount = (() => {
  const probe = tempDirNow();
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", probe], { stdio: "ignore" });
    execFileSync("umount", [probe]);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
})();

function tempDirNow(): string {
  return mkdtempSync(join(tmpdir(), "hearth-mount-probe-"));
}

/** Writes 1 MB files into `dir` until the file system has no room left. */
function fillDisk(dir: string): void {
  mkdirSync(dir);
  const block = Buffer.alloc(1 << 20, 7);
  for (let i = 0; ; i++) {
    try {
      writeFileSync(join(dir, `b${i}`), block);
    } catch {
      // The last partial file filled what was left.
      return;
    }
  }
}

const words = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => `w${(seed * 7919 + i * 104729) % 1_000_003}`).join(" ");

async function findable(hearth: Hearth, word: string): Promise<boolean> {
  const r = await hearth.searcher.search({
    query: word,
    mode: "keyword",
    limit: 1,
    filters: {},
    chunksPerFile: 1,
  });
  return r.results.length > 0;
}

describe("faults", () => {
  it.skipIf(!canMount)(
    "keeps what a full disk kept it from recording, says so, and converges once space returns",
    { timeout: 240_000 },
    async () => {
      // A real full disk: the index on a 24 MB tmpfs, filled up by something else.
      const disk = tempDir("hearth-disk-");
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=24m", "tmpfs", disk]);
      try {
        const root = tempDir();
        writeTree(root, { "before.md": "# Before\n\nwritten before the disk filled\n" });
        const homeDir = join(disk, "home");
        mkdirSync(homeDir);
        writeFileSync(
          join(homeDir, "config.json"),
          JSON.stringify({ roots: [root], index: { debounceMs: 50 } }),
        );
        const hearth = await openTestHearth({ ...process.env, HEARTH_HOME: homeDir });
        const host = await startDaemonHost(hearth, silentLogger);
        try {
          await host.daemon.settled();
          fillDisk(join(disk, "ballast"));
          for (let i = 0; i < 200; i++)
            writeFileSync(join(root, `n${i}.md`), `# Note ${i}\n\nmarker${i} ${words(400, i)}\n`);
          await waitFor(() => host.daemon.activity().writeBlocked !== null, 60_000);
          const blocked = host.daemon.activity();
          expect(blocked.activity).toMatch(/^disk full: \d+ files wait/);
          expect(blocked.writeBlocked!.message).toMatch(
            /disk or database is full|database or disk is full/,
          );
          const status = await host.service.status({ client: "t", profile: null, agent: false });
          expect(status.daemon?.writeBlocked?.waiting).toBeGreaterThan(0);

          // Space returns: every note is indexed, without a restart.
          rmSync(join(disk, "ballast"), { recursive: true });
          await waitFor(async () => {
            if (host.daemon.activity().writeBlocked !== null) return false;
            for (let i = 0; i < 200; i += 13)
              if (!(await findable(hearth, `marker${i}`))) return false;
            return true;
          }, 120_000);
          await host.daemon.settled();
          expect(hearth.store.counts().files).toBe(201);
        } finally {
          await host.stop();
        }
      } finally {
        execFileSync("umount", [disk]);
      }
    },
  );

  it("watches a root again after it is deleted and made again", async () => {
    const base = tempDir();
    const root = join(base, "notes");
    writeTree(root, { "first.md": "first version of the root" });
    const home = makeHome({ config: { roots: [root], index: { debounceMs: 50 } } });
    const hearth = await openTestHearth(home.env);
    const host = await startDaemonHost(hearth, silentLogger);
    try {
      await host.daemon.settled();
      expect(await findable(hearth, "first")).toBe(true);
      rmSync(root, { recursive: true });
      await waitFor(async () => !(await findable(hearth, "first")), 20_000);
      writeTree(root, { "second.md": "the root came back with new words" });
      await waitFor(() => findable(hearth, "came back"), 30_000);
      writeFileSync(join(root, "third.md"), "and it is watched again");
      await waitFor(() => findable(hearth, "watched again"), 30_000);
    } finally {
      await host.stop();
    }
  });

  it("reports unreadable folders and files, and skips a folder whose .gitignore cannot be read", async () => {
    const root = tempDir();
    writeTree(root, {
      "ok.md": "readable words",
      "locked/inside.md": "behind a locked folder",
      "private.md": "a file no one may read",
      "guarded/.gitignore": "nothing\n",
      "guarded/note.md": "guarded words",
    });
    const { env, home } = makeHome();
    // As root, permissions do not stop a read: the commands run as nobody.
    const asRoot = process.getuid?.() === 0;
    const user = asRoot ? { uid: 65534, gid: 65534 } : {};
    if (asRoot) {
      const own = (dir: string) => {
        chownSync(dir, 65534, 65534);
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          const path = join(dir, entry.name);
          if (entry.isDirectory()) own(path);
          else chownSync(path, 65534, 65534);
        }
      };
      own(root);
      own(home);
      chmodSync(home, 0o700);
    }
    const lock = (path: string) => {
      if (asRoot) chownSync(path, 0, 0);
      chmodSync(path, statSync(path).isDirectory() ? 0o700 : 0o600);
      if (!asRoot) chmodSync(path, 0);
    };
    lock(join(root, "locked"));
    lock(join(root, "private.md"));
    lock(join(root, "guarded/.gitignore"));
    const hearth = (...args: string[]) =>
      spawnSync(process.execPath, [BIN, ...args], { env, encoding: "utf8", ...user });

    const indexed = hearth("index", root);
    expect(indexed.status, indexed.stderr).toBe(0);
    expect(indexed.stdout).toMatch(/failed: .*locked: cannot be read \(EACCES\)/);
    expect(indexed.stdout).toMatch(/failed: .*private\.md: cannot read: .*(EACCES|permission)/i);
    const status = JSON.parse(hearth("status", "--json").stdout) as {
      files: number;
      failures: { path: string; error: string }[];
    };
    expect(status.failures.map((f) => f.path)).toContain(join(root, "private.md"));
    expect(status.files).toBe(1); // ok.md; guarded/note.md is skipped, failing closed
    expect(hearth("doctor", join(root, "guarded/note.md")).stdout).toMatch(
      /ignored\s+cannot read the ignore file in .*guarded \(EACCES\)/,
    );

    // The daemon says the same in its status.
    const started = hearth("start", "--detach");
    expect(started.status, started.stderr).toBe(0);
    try {
      await waitFor(() => {
        const live = JSON.parse(hearth("status", "--json").stdout) as {
          daemon: { unreadable: { path: string }[] } | null;
        };
        return live.daemon?.unreadable.some((u) => u.path === join(root, "locked")) ?? false;
      }, 30_000);
    } finally {
      hearth("stop");
      // Let the test's clean-up remove what was locked.
      for (const p of ["locked", "private.md", "guarded/.gitignore"])
        chmodSync(join(root, p), 0o700);
    }
  });
});
