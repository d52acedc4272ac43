// `npm run bench -- extract --dir DIR`: extraction throughput (MB/s) per kind over real files, limits on.
import { readFile, readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { createExtractor } from "../src/indexers/extractor.js";
import { indexerFor } from "../src/indexers/registry.js";

export interface ExtractKindResult {
  kind: string;
  files: number;
  extracted: number;
  megabytes: number;
  seconds: number;
  mbPerSec: number;
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile() && indexerFor(path)) out.push(path);
  }
  return out;
}

/** Each file is extracted twice; the second pass is timed (the first warms the worker and the parsers). */
export async function benchExtract(dir: string): Promise<ExtractKindResult[]> {
  const extractor = createExtractor({ timeoutMs: 30_000, memoryMb: 512, workers: 1 });
  const byKind = new Map<string, ExtractKindResult>();
  try {
    for (const path of await filesUnder(dir)) {
      const kind = extname(path).slice(1).toLowerCase();
      const r = byKind.get(kind) ?? {
        kind,
        files: 0,
        extracted: 0,
        megabytes: 0,
        seconds: 0,
        mbPerSec: 0,
      };
      r.files++;
      const input = { path, bytes: await readFile(path), mtimeMs: (await stat(path)).mtimeMs };
      const ok = await extractor.extract(input).then(
        () => true,
        () => false,
      );
      if (ok) {
        const t = performance.now();
        await extractor.extract(input);
        r.seconds += (performance.now() - t) / 1000;
        r.megabytes += (await stat(path)).size / 1e6;
        r.extracted++;
      }
      byKind.set(kind, r);
    }
  } finally {
    await extractor.close();
  }
  return [...byKind.values()].map((r) => ({
    ...r,
    megabytes: Math.round(r.megabytes * 100) / 100,
    seconds: Math.round(r.seconds * 100) / 100,
    mbPerSec: r.seconds > 0 ? Math.round((r.megabytes / r.seconds) * 100) / 100 : 0,
  }));
}
