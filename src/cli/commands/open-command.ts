// `hearth open [--no-browser]`: the local page, signed in — the daemon (started if needed) makes a
// one-time link; the default browser opens it, or it is printed for scripts and remote terminals.
import { spawn } from "node:child_process";
import { resolveHearthPaths } from "../../config/paths.js";
import { findDaemon } from "../daemon-client.js";
import type { CliContext } from "../context.js";
import { startDetached } from "../start-detached.js";

/** The command that opens a URL in the default browser here; $BROWSER wins, as elsewhere. */
function browserCommand(env: NodeJS.ProcessEnv, url: string): [string, string[]] {
  if (env.BROWSER) return [env.BROWSER, [url]];
  if (process.platform === "darwin") return ["open", [url]];
  if (process.platform === "win32") return ["cmd", ["/c", "start", '""', url]];
  return ["xdg-open", [url]];
}

function openBrowser(env: NodeJS.ProcessEnv, url: string): Promise<boolean> {
  const [bin, args] = browserCommand(env, url);
  return new Promise((resolve) => {
    const child = spawn(bin, args, { detached: true, stdio: "ignore", env });
    child.once("error", () => resolve(false));
    child.once("spawn", () => {
      child.unref();
      resolve(true);
    });
  });
}

export async function runOpen(cli: CliContext, opts: { browser?: boolean }): Promise<void> {
  const paths = resolveHearthPaths(cli.env);
  if (!findDaemon(paths)) await startDetached(paths, cli.env);
  const daemon = findDaemon(paths);
  if (!daemon) throw new Error("the daemon stopped as it started; see hearth status");
  const { link } = await daemon.call<{ url: string; link: string }>("web-link");
  if (opts.browser !== false && (await openBrowser(cli.env, link))) {
    cli.io.err("opened Hearth in the browser (the link signs in once, within two minutes)");
    return;
  }
  if (opts.browser !== false) cli.io.err("no browser could be started: open this link yourself");
  cli.io.out(link);
}
