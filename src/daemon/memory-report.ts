// Where the daemon's memory goes, for status: resident total, the JavaScript heap, native buffers,
// and (on Linux) how much of the resident total is file-backed — the model's weights are mapped
// from its file, so they count there and can be paged out, unlike the rest.
import { readFileSync } from "node:fs";

export interface MemoryReport {
  residentMB: number;
  /** Resident pages mapped from files (the model's weights, the native libraries); null off Linux. */
  fileBackedMB: number | null;
  heapUsedMB: number;
  heapTotalMB: number;
  /** Memory held outside the heap by buffers and native objects Node knows of. */
  externalMB: number;
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

function fileBackedBytes(): number | null {
  try {
    const kb = /^RssFile:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

export function memoryReport(): MemoryReport {
  const usage = process.memoryUsage();
  const fileBacked = fileBackedBytes();
  return {
    residentMB: mb(usage.rss),
    fileBackedMB: fileBacked === null ? null : mb(fileBacked),
    heapUsedMB: mb(usage.heapUsed),
    heapTotalMB: mb(usage.heapTotal),
    externalMB: mb(usage.external),
  };
}
