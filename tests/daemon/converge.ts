// Checks the daemon's invariant: the index equals what a fresh one-shot index of the disk gives, with no orphans.
import { expect } from "vitest";
import type { Hearth } from "../../src/hearth.js";
import { indexRoot } from "../../src/pipeline/index-root.js";
import { makeHome, openTestHearth, rawDb } from "../helpers.js";

type Snapshot = Record<string, string[]>;

export function snapshot(hearth: Hearth): Snapshot {
  const rows = rawDb(hearth)
    .prepare(
      `SELECT f.path, c.hash FROM files f LEFT JOIN chunks c ON c.file_id = f.id
       WHERE f.status = 'indexed' ORDER BY f.path, c.ordinal`,
    )
    .all() as { path: string; hash: string | null }[];
  const out: Snapshot = {};
  for (const r of rows) (out[r.path] ??= []).push(...(r.hash ? [r.hash] : []));
  return out;
}

export function expectNoOrphans(hearth: Hearth): void {
  const { store } = hearth;
  const db = rawDb(hearth);
  const one = (sql: string) => db.prepare(sql).pluck().get() as number;
  expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
  expect(one("SELECT count(*) FROM chunks WHERE file_id NOT IN (SELECT id FROM files)")).toBe(0);
  expect(one("SELECT count(*) FROM chunks_fts_docsize")).toBe(one("SELECT count(*) FROM chunks"));
  if (store.vectors.hasVectorTable()) {
    expect(
      one(
        `SELECT count(*) FROM ${store.vectors.activeModel()!.table} WHERE chunk_id NOT IN (SELECT id FROM chunks)`,
      ),
    ).toBe(0);
  }
}

/** The index the disk should give: a one-shot index of the same folder into a fresh home. */
export async function expectConverged(hearth: Hearth, root: string): Promise<void> {
  const fresh = await openTestHearth(makeHome().env);
  await indexRoot(fresh.indexDeps, root, { concurrency: 2 });
  expect(snapshot(hearth)).toEqual(snapshot(fresh));
  expectNoOrphans(hearth);
  await fresh.close();
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
