// The control socket's methods: the CLI's requests, answered by the same service as MCP's (with the
// user as the caller), plus the daemon's own controls. Parameters are validated, never cast.
import { z } from "zod";
import type { Daemon } from "../daemon/daemon.js";
import { HearthError } from "../errors.js";
import type { RpcHandler } from "../rpc/control-socket.js";
import { CLI_CALLER } from "../service/caller.js";
import { parseInput } from "../service/parse-input.js";
import type { HearthService } from "../service/service.js";
import type { WebServer } from "../web/server.js";

const useModelInput = z.object({ modelPath: z.string().min(1).max(4096) }).strict();
const noInput = z.object({}).strict();

export function controlMethods(
  service: HearthService,
  daemon: Daemon,
  stop: () => Promise<void>,
  web: WebServer | null = null,
): Map<string, RpcHandler> {
  const status = () => service.status(CLI_CALLER);
  return new Map<string, RpcHandler>([
    ["status", (params) => service.status(CLI_CALLER, params)],
    ["search", (params) => service.search(CLI_CALLER, params)],
    ["query_table", (params) => service.queryTable(CLI_CALLER, params)],
    ["table_categories", (params) => service.tableCategories(CLI_CALLER, params)],
    ["audit", (params) => service.auditLog(CLI_CALLER, params)],
    ["actions", (params) => service.actions(CLI_CALLER, params)],
    ["undo", (params) => service.undo(CLI_CALLER, params)],
    [
      "settled",
      async (params) => {
        parseInput(noInput, params, "settled");
        await daemon.settled();
        return status();
      },
    ],
    [
      "reload-roots",
      async (params) => {
        parseInput(noInput, params, "reload-roots");
        await daemon.reloadRoots();
        return status();
      },
    ],
    [
      "use-model",
      async (params) => {
        const { modelPath } = parseInput(useModelInput, params, "use-model");
        const outcome = await daemon.useModel(modelPath);
        return { outcome, status: await status() };
      },
    ],
    [
      "web-link",
      (params) => {
        parseInput(noInput, params, "web-link");
        if (!web)
          throw new HearthError(
            "WEB_UNAVAILABLE",
            "the daemon serves no web page",
            "set web.enabled to true (and web.port to a free port) in the config, then hearth stop and hearth start",
          );
        return Promise.resolve({ url: web.url, link: web.link() });
      },
    ],
    [
      "purge",
      (params) => {
        parseInput(noInput, params, "purge");
        return Promise.resolve(daemon.purgeNow());
      },
    ],
    [
      "stop",
      (params) => {
        parseInput(noInput, params, "stop");
        // After the answer is on its way; a failing step is the daemon's to log, not unhandled.
        setImmediate(() => void stop().catch(() => undefined));
        return Promise.resolve({ stopping: true });
      },
    ],
  ]);
}
