// Progress for long work on stderr: a redrawn bar on a terminal, occasional plain lines otherwise.
import type { Writable } from "node:stream";
import type { IndexProgress } from "../pipeline/index-root.js";

const PLAIN_INTERVAL_MS = 2000;

export interface ProgressReporter {
  update(p: IndexProgress): void;
  done(): void;
}

function bar(fraction: number, width = 24): string {
  const filled = Math.round(fraction * width);
  return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "]";
}

function eta(startedAt: number, done: number, total: number): string {
  if (done === 0) return "";
  const seconds = (((Date.now() - startedAt) / done) * (total - done)) / 1000;
  return seconds < 1
    ? ""
    : ` ETA ${seconds < 90 ? `${Math.ceil(seconds)}s` : `${Math.ceil(seconds / 60)}m`}`;
}

export function createProgress(
  stream: Writable & { isTTY?: boolean } = process.stderr,
): ProgressReporter {
  const tty = stream.isTTY === true;
  let phase = "";
  let phaseStart = Date.now();
  let lastPlain = 0;
  let drawn = false;

  const line = (p: IndexProgress): string => {
    if (p.phase === "scan") return `scanning ${p.root}`;
    const what = p.phase === "files" ? "files" : "vectors";
    return `${bar(p.total ? p.done / p.total : 1)} ${p.done}/${p.total} ${what}${eta(phaseStart, p.done, p.total)}`;
  };

  return {
    update(p) {
      if (p.phase !== phase) {
        phase = p.phase;
        phaseStart = Date.now();
        lastPlain = 0;
      }
      if (tty) {
        stream.write(`\r\x1b[2K${line(p)}`);
        drawn = true;
        return;
      }
      const finished = p.phase !== "scan" && p.done === p.total;
      if (finished || Date.now() - lastPlain >= PLAIN_INTERVAL_MS) {
        lastPlain = Date.now();
        stream.write(line(p) + "\n");
      }
    },
    done() {
      if (tty && drawn) stream.write("\r\x1b[2K");
    },
  };
}
