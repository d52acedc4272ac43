// Debian's Chromium (installed by .ci/run), headless, driven by playwright-core: never a
// downloaded browser. Every request it makes and every console error are recorded.
import { afterAll } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../scripts/debian-chromium.js";

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
  browser ??= await launchChromium();
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
