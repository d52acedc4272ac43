// Runs a service operation the way every read-only command does: through the daemon when it runs
// (its index is fresh, its model loaded), else against the index file alone, read-only.
import { resolveHearthPaths } from "../config/paths.js";
import { HearthError } from "../errors.js";
import type { HearthService } from "../service/service.js";
import { findDaemon } from "./daemon-client.js";
import type { CliContext } from "./context.js";

export async function askHearth<T>(
  cli: CliContext,
  method: string,
  params: unknown,
  alone: (service: HearthService) => Promise<T>,
  options: { loadModel?: boolean } = {},
): Promise<T> {
  const paths = resolveHearthPaths(cli.env);
  const daemon = findDaemon(paths);
  if (daemon) {
    try {
      return await daemon.call<T>(method, params);
    } catch (err) {
      // Nothing listens: the pid file is a dead daemon's (or its pid was reused). Work alone.
      if (!(err instanceof HearthError && err.code === "DAEMON_UNREACHABLE")) throw err;
    }
  }
  // Loaded only here: a client of a running daemon never imports the index, the model or parsers.
  const [{ openHearth }, { serviceOver }] = await Promise.all([
    import("../hearth.js"),
    import("../host/open-service.js"),
  ]);
  const hearth = await openHearth({
    log: cli.log,
    env: cli.env,
    readonly: true,
    loadModel: options.loadModel ?? false,
  });
  try {
    return await alone(await serviceOver(hearth));
  } finally {
    await hearth.close();
  }
}
