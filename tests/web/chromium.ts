// Debian's Chromium (installed by .ci/run), headless, driven by playwright-core: never a
// downloaded browser. Every request it makes and every console error are recorded.
import { existsSync } from "node:fs";
import { afterAll } from "vitest";
import { type Browser, chromium, type Page } from "playwright-core";

const CHROMIUM = process.env.HEARTH_TEST_CHROMIUM ?? "/usr/bin/chromium";

let browser: Browser | null = null;
afterAll(async () => {
  await browser?.close();
  browser = null;
});

export interface WatchedPage {
  page: Page;
  requests: string[];
  errors: string[];
}

export async function openPage(): Promise<WatchedPage> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: apt-get install chromium (.ci/run does), or set HEARTH_TEST_CHROMIUM`,
    );
  browser ??= await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // A closed network: no background services asking Google, no first run (playwright makes a
    // fresh profile for each launch).
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return { page, requests, errors };
}
