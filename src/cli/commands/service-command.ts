// `hearth service install|uninstall [--print]`: start the daemon at login with systemd or launchd.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { serviceSpec } from "../../daemon/service-unit.js";
import { HearthError } from "../../errors.js";
import type { CliContext } from "../context.js";
import { selfCommand } from "../self-command.js";

export function runService(cli: CliContext, action: string, opts: { print?: boolean }): void {
  if (action !== "install" && action !== "uninstall") {
    throw new HearthError(
      "BAD_ARGUMENT",
      `unknown service action ${JSON.stringify(action)}`,
      "use install or uninstall",
    );
  }
  if (process.platform !== "linux" && process.platform !== "darwin") {
    throw new HearthError(
      "BAD_ARGUMENT",
      `no service manager support on ${process.platform}`,
      "run `hearth start --detach` from a startup script",
    );
  }
  const env: Record<string, string> = { PATH: cli.env.PATH ?? "/usr/bin:/bin" };
  if (cli.env.HEARTH_HOME) env.HEARTH_HOME = cli.env.HEARTH_HOME;
  const spec = serviceSpec(process.platform, selfCommand("start"), env);
  if (opts.print) {
    cli.io.out(`# ${spec.file}\n${spec.text}`);
    return;
  }
  if (action === "install") {
    mkdirSync(dirname(spec.file), { recursive: true });
    writeFileSync(spec.file, spec.text, { mode: 0o644 });
    cli.io.out(`wrote ${spec.file}\nenable it with: ${spec.enable}`);
  } else {
    rmSync(spec.file, { force: true });
    cli.io.out(`removed ${spec.file} (first: ${spec.disable})`);
  }
}
