// Tests: hearth add / remove / roots; hearth service.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { serviceSpec } from "../../src/daemon/service-unit.js";
import { makeHome, tempDir } from "../helpers.js";
import { runCli } from "./run-cli.js";

describe("hearth add / remove / roots", () => {
  it("keeps the watched folders in the config file, owner-only, and validates them", () => {
    const { env, home } = makeHome({ config: { search: { limit: 7 } } });
    const a = tempDir();
    const b = tempDir();
    expect(runCli(["add", a, b], env).code).toBe(0);
    expect(runCli(["add", a], env).code).toBe(0); // no duplicates
    expect(JSON.parse(runCli(["roots", "--json"], env).stdout)).toEqual({ roots: [a, b] });
    const file = join(home, "config.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((JSON.parse(readFileSync(file, "utf8")) as { search: unknown }).search).toEqual({
      limit: 7,
    }); // the rest is kept
    expect(runCli(["remove", a], env).code).toBe(0);
    expect(JSON.parse(runCli(["roots", "--json"], env).stdout)).toEqual({ roots: [b] });
    const missing = runCli(["add", join(a, "nope")], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/does not exist/);
  });
});

describe("hearth service", () => {
  it("prints a systemd user unit that runs `hearth start` with HEARTH_HOME", () => {
    const { env, home } = makeHome();
    const printed = runCli(["service", "install", "--print"], env);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/\[Service\]\nExecStart=.*node.* start\n/);
    expect(printed.stdout).toContain(`Environment=HEARTH_HOME=${home}`);
    expect(printed.stdout).toContain("WantedBy=default.target");
  });

  it("writes a launchd agent on macOS with the same command", () => {
    const spec = serviceSpec("darwin", ["/usr/bin/node", "/opt/hearth/main.js", "start"], {
      HEARTH_HOME: "/h & co",
    });
    expect(spec.file).toMatch(/LaunchAgents\/dev\.hearth\.daemon\.plist$/);
    expect(spec.text).toContain("<string>/opt/hearth/main.js</string>");
    expect(spec.text).toContain("<key>HEARTH_HOME</key><string>/h &amp; co</string>");
    expect(spec.enable).toContain("launchctl load");
  });

  it("rejects an unknown action", () => {
    const { env } = makeHome();
    const bad = runCli(["service", "enable"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/install or uninstall/);
  });
});
