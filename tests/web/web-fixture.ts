// A running daemon with the page on a free port, over notes, a bank statement, a broken PDF and
// files that hold markup meant to run: what the page tests look at.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll } from "vitest";
import { startDaemonHost, type DaemonHost } from "../../src/host/run-daemon.js";
import { silentLogger } from "../../src/log.js";
import { runMain } from "../cli/run-main.js";
import { NOTES } from "../fixtures.js";
import { freePort, makeHome, openTestHearth, tempDir, writeTree } from "../helpers.js";
import { makePdf } from "../indexers/fixtures.js";
import { mixedPdf } from "../indexers/images.js";
import { CATEGORIES, US_CSV } from "../tables/statements.js";

/** Text that would run if the page ever put a file's contents into HTML. */
export const XSS_MARKDOWN = `# Hostile note zebrafish

<script>window.__pwned = "script"</script>
<img src="x" onerror="window.__pwned = 'img'">
zebrafish <b onmouseover="window.__pwned = 'b'">bold</b>
`;

export const XSS_HTML = `<!doctype html><html><head><title>Hostile page quokka</title></head>
<body><p>quokka &lt;script&gt;window.__pwned = "entity"&lt;/script&gt; quokka</p>
<p>&lt;img src=x onerror="window.__pwned = 'entity-img'"&gt;</p></body></html>
`;

export interface WebFixture {
  host: DaemonHost;
  port: number;
  origin: string;
  env: NodeJS.ProcessEnv;
  home: string;
  root: string;
  /** A fresh one-time link, as `hearth open --no-browser` prints it. */
  link(): Promise<string>;
}

export async function startWebFixture(): Promise<WebFixture> {
  const root = tempDir();
  writeTree(root, {
    ...NOTES,
    "money/us.csv": US_CSV,
    "xss/hostile.md": XSS_MARKDOWN,
    "xss/hostile.html": XSS_HTML,
    "broken/statement.pdf": "%PDF-1.7\nthis is not a PDF body\n",
    "work/server.key": "-----BEGIN PRIVATE KEY-----\n",
    // Read in part: OCR is off here, so its scanned page is left unread.
    "scans/mixed.pdf": Buffer.from(await mixedPdf()),
    "reports/survey.pdf": Buffer.from(
      await makePdf(["Cover page of the dossier", "Wombat habitat survey results by the river"]),
    ),
  });
  const port = await freePort();
  const { home, env } = makeHome({
    model: true,
    config: {
      roots: [root],
      web: { enabled: true, port },
      ocr: { enabled: false, languages: ["eng"] },
    },
  });
  writeFileSync(join(home, "categories.txt"), CATEGORIES);
  const hearth = await openTestHearth(env);
  const host = await startDaemonHost(hearth, silentLogger);
  afterAll(() => host.stop());
  await host.daemon.settled();
  const link = async () => {
    const opened = await runMain(["open", "--no-browser"], env);
    if (opened.code !== 0) throw new Error(`hearth open failed: ${opened.stderr}`);
    return opened.stdout.trim();
  };
  return { host, port, origin: `http://127.0.0.1:${port}`, env, home, root, link };
}

/** Signs in with a fresh link: the session cookie, as the browser would keep it. */
export async function signIn(fixture: WebFixture): Promise<string> {
  const res = await fetch(await fixture.link(), { redirect: "manual" });
  const cookie = res.headers.get("set-cookie");
  if (res.status !== 303 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie.split(";")[0]!;
}
