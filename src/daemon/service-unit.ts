// Service definitions that start the daemon at login: a systemd user unit (Linux), a launchd agent (macOS).
import { homedir } from "node:os";
import { join } from "node:path";

export interface ServiceSpec {
  platform: "linux" | "darwin";
  file: string;
  text: string;
  enable: string;
  disable: string;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** `command` is the full argv that runs `hearth start` in the foreground. */
export function serviceSpec(
  platform: NodeJS.Platform,
  command: readonly string[],
  env: Readonly<Record<string, string>>,
): ServiceSpec {
  if (platform === "darwin") {
    const file = join(homedir(), "Library", "LaunchAgents", "dev.hearth.daemon.plist");
    const args = command.map((a) => `    <string>${xmlEscape(a)}</string>`).join("\n");
    const vars = Object.entries(env)
      .map(([k, v]) => `    <key>${xmlEscape(k)}</key><string>${xmlEscape(v)}</string>`)
      .join("\n");
    const text = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key><string>dev.hearth.daemon</string>
  <key>ProgramArguments</key>
  <array>
${args}
  </array>
  <key>EnvironmentVariables</key>
  <dict>
${vars}
  </dict>
  <key>RunAtLoad</key><true/>
  <key>KeepAlive</key><dict><key>SuccessfulExit</key><false/></dict>
  <key>StandardErrorPath</key><string>${xmlEscape(join(homedir(), "Library", "Logs", "hearth.log"))}</string>
</dict>
</plist>
`;
    return {
      platform: "darwin",
      file,
      text,
      enable: `launchctl load -w ${file}`,
      disable: `launchctl unload -w ${file}`,
    };
  }
  const file = join(
    process.env.XDG_CONFIG_HOME || join(homedir(), ".config"),
    "systemd",
    "user",
    "hearth.service",
  );
  const quote = (a: string) => (/[\s"\\]/.test(a) ? `"${a.replace(/(["\\])/g, "\\$1")}"` : a);
  const text = `[Unit]
Description=Hearth personal memory daemon
After=default.target

[Service]
ExecStart=${command.map(quote).join(" ")}
${Object.entries(env)
  .map(([k, v]) => `Environment=${quote(`${k}=${v}`)}`)
  .join("\n")}
Restart=on-failure
RestartSec=5

[Install]
WantedBy=default.target
`;
  return {
    platform: "linux",
    file,
    text,
    enable: "systemctl --user daemon-reload && systemctl --user enable --now hearth.service",
    disable: "systemctl --user disable --now hearth.service",
  };
}
