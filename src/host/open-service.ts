// The service over a read-only index, for CLI commands when no daemon runs.
import type { Hearth } from "../hearth.js";
import { configRuntime } from "../service/config-runtime.js";
import { HearthService } from "../service/service.js";

export async function serviceOver(hearth: Hearth): Promise<HearthService> {
  return new HearthService({ ...hearth, runtime: await configRuntime(hearth) });
}
