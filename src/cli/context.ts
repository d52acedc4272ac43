// What every command runs with: where it writes, its environment, its logger, and its exit code.
import type { Logger } from "../log.js";
import type { CliIo } from "./io.js";

export interface CliContext {
  io: CliIo;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** Set by a command that finished but found a problem (doctor's "problem" line, say). */
  exitCode: number;
}
