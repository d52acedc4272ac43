// Where the CLI writes: stdout for results, stderr for notes and progress. Text that came from files
// or clients is escaped, so a file name or client name can never drive the terminal.
import type { Readable, Writable } from "node:stream";

export interface CliIo {
  /** A line of human output on stdout; control characters are shown escaped. */
  out(text: string): void;
  /** A line on stderr (notes, warnings), escaped the same way. */
  err(text: string): void;
  /** Machine-readable output on stdout. */
  json(value: unknown, indent?: number): void;
  /** Raw stderr, for progress bars that redraw a line. */
  readonly stderr: Writable & { isTTY?: boolean };
  /** Raw stdin and stdout, for `hearth mcp`, whose streams carry the protocol. */
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly env: NodeJS.ProcessEnv;
}

// C0 controls but tab and newline, DEL, and C1 controls (0x9b is a CSI on some terminals).
// eslint-disable-next-line no-control-regex -- matching them is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// As above, for JSON (which already escapes C0).
const UNSAFE_IN_JSON = /[\u007f-\u009f]/g;

/** Control characters as visible escapes (\x1b, \x9b); tab and newline are kept. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    UNSAFE_IN_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export function streamIo(
  stdout: Writable,
  stderr: Writable & { isTTY?: boolean },
  env: NodeJS.ProcessEnv,
  stdin: Readable = process.stdin,
): CliIo {
  return {
    stdin,
    stdout,
    out: (text) => stdout.write(escapeControls(text) + "\n"),
    err: (text) => stderr.write(escapeControls(text) + "\n"),
    json: (value, indent) => stdout.write(jsonText(value, indent) + "\n"),
    stderr,
    env,
  };
}
