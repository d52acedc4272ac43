// Tests: the page in a real Chromium — sign-in, search as you type with its preview, the keyboard,
// files holding markup stay text, the finance figures equal the CLI's, status and its doctor,
// memory and audit views; no console error, no request off loopback, no serious axe violation.
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { agentCaller } from "../../src/service/caller.js";
import { runMain } from "../cli/run-main.js";
import { testModelPath } from "../helpers.js";
import { openPage, type WatchedPage } from "./chromium.js";
import { startWebFixture, type WebFixture } from "./web-fixture.js";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  // Through the debugger protocol: the page's own CSP rightly refuses an injected <script>.
  await page.evaluate(`${AXE};0`);
  const result = await page.evaluate<AxeResult>("axe.run()");
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

let web: WebFixture;
let watched: WatchedPage;
let page: Page;

describe("the web page in Chromium", () => {
  beforeAll(async () => {
    web = await startWebFixture();
    await web.host.service.remember(agentCaller("Claude Code 2.1"), {
      title: "Garden watering",
      text: "Water the tomatoes every evening.",
      tags: ["garden"],
    });
    await web.host.service.search(agentCaller("Cursor 1.9"), { query: "japan temples" });
    watched = await openPage();
    page = watched.page;
    await page.goto(await web.link());
    await page.waitForSelector("input[type=search]");
  });

  it("lands signed in on the search view, with the one-time code gone from the address", () => {
    expect(page.url()).toBe(`${web.origin}/`);
  });

  it("searches as you type, with the cited lines in the preview", async () => {
    await page.fill("input[type=search]", "apartment lease renew");
    const first = page.locator("#result-0");
    await expect.poll(() => first.locator(".title").textContent()).toBe("Apartment lease");
    await expect.poll(() => first.locator("mark").count()).toBeGreaterThan(0);
    expect(await first.locator(".where").textContent()).toContain(join(web.root, "home/lease.md"));
    const cited = page.locator(".preview .line.cited");
    await expect.poll(() => cited.count()).toBeGreaterThan(0);
    expect(await page.locator(".preview .lines").textContent()).toContain(
      "renew the apartment lease",
    );
    const editor = await page
      .locator(".preview a", { hasText: "Open in editor" })
      .getAttribute("href");
    expect(editor).toMatch(new RegExp(`^vscode://file${join(web.root, "home/lease.md")}:\\d+$`));
  });

  it("previews a PDF hit at its cited page", async () => {
    await page.fill("input[type=search]", "wombat habitat survey");
    await expect.poll(() => page.locator("#result-0 .where").textContent()).toContain("page 2");
    await expect.poll(() => page.locator(".preview .lines").textContent()).toContain("[page 2]");
    expect(await page.locator(".preview .lines").textContent()).toContain("Wombat habitat");
    expect(await page.locator(".preview .lines").textContent()).not.toContain("Cover page");
  });

  it("filters by kind", async () => {
    await page.fill("input[type=search]", "tomatoes compost garden");
    await expect.poll(() => page.locator("#result-0 .title").textContent()).toBe("Garden log");
    await page.fill("input[aria-label=Kinds], label:has-text('Kinds') input", "txt");
    await page.locator("label:has-text('Kinds') input").press("Tab");
    await expect
      .poll(async () =>
        (await page.locator(".result .where").allTextContents()).every((t) => /\.txt /.test(t)),
      )
      .toBe(true);
    await page.locator("label:has-text('Kinds') input").fill("");
    await page.locator("label:has-text('Kinds') input").press("Tab");
  });

  it("works from the keyboard: / focuses, ↑ ↓ choose, Enter previews", async () => {
    await page.locator("body").click({ position: { x: 5, y: 400 } });
    await page.keyboard.press("/");
    expect(await page.locator("input[type=search]:focus").count()).toBe(1);
    await page.keyboard.type("garden tomatoes lease bananas");
    await expect.poll(() => page.locator(".result").count()).toBeGreaterThan(1);
    const second = (await page.locator("#result-1 .title").textContent())!;
    await page.keyboard.press("ArrowDown");
    expect(await page.locator("#result-1").getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".preview h2").textContent()).toBe(second);
    await page.keyboard.press("ArrowUp");
    expect(await page.locator("#result-0").getAttribute("aria-selected")).toBe("true");
  });

  it("shows a file's markup as text: nothing in it runs", async () => {
    await page.fill("input[type=search]", "zebrafish hostile");
    await expect.poll(() => page.locator(".preview .lines").textContent()).toContain("<script>");
    expect(await page.locator(".preview .lines").textContent()).toContain(`<img src="x" onerror=`);
    await page.fill("input[type=search]", "quokka hostile page");
    await expect.poll(() => page.locator("#result-0 .snippet").textContent()).toContain("quokka");
    await page.locator("#result-0 .snippet").hover();
    expect(await page.evaluate<unknown>("window.__pwned")).toBeUndefined();
    expect(
      await page.locator("main script, main img, main [onerror], main [onmouseover]").count(),
    ).toBe(0);
  });

  it("draws spending per category and month with the CLI's sums, and lists a bar's rows", async () => {
    await page.goto(`${web.origin}/#/finances`);
    const table = page.locator("table.figures");
    await table.waitFor();
    expect(await page.locator(".chart canvas").count()).toBe(2);
    const cells: [string, string, number][] = [];
    for (const td of await table.locator("td[data-month]:has(button)").all())
      cells.push([
        (await td.getAttribute("data-category"))!,
        (await td.getAttribute("data-month"))!,
        Number(await td.textContent()),
      ]);
    const cli = await runMain(
      ["table", "query", "--flow", "out", "--group-by", "category", "--json"],
      web.env,
    );
    const categories = (JSON.parse(cli.stdout) as { groups: { key: string }[] }).groups.map(
      (g) => g.key,
    );
    const expected: [string, string, number][] = [];
    for (const category of categories) {
      const monthly = await runMain(
        [
          "table",
          "query",
          "--flow",
          "out",
          "--category",
          category,
          "--group-by",
          "month",
          "--json",
        ],
        web.env,
      );
      for (const g of (JSON.parse(monthly.stdout) as { groups: { key: string; sum: number }[] })
        .groups)
        expected.push([category, g.key, -g.sum]);
    }
    expect(cells.length).toBeGreaterThan(3);
    expect(new Set(cells.map((c) => JSON.stringify(c)))).toEqual(
      new Set(expected.map((c) => JSON.stringify(c))),
    );

    await table.locator("td[data-category=groceries][data-month='2026-02'] button").click();
    const rows = page.locator("table.rows tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.allTextContents()).toEqual([
      expect.stringContaining("WHOLE FOODS MARKET"),
      expect.stringContaining("TRADER JOE'S #55"),
    ]);
    expect(await rows.first().locator(".path").textContent()).toBe(
      `${join(web.root, "money/us.csv")} row 7`,
    );

    // The bars themselves: March holds one bar (the rent, 1200 of a 1200-high axis); a click on
    // it lists that bar's rows.
    const canvas = page.locator(".chart canvas").first();
    const box = (await canvas.boundingBox())!;
    await canvas.click({ position: { x: box.width * (5 / 6), y: box.height * 0.7 } });
    await expect
      .poll(() => rows.allTextContents())
      .toEqual([expect.stringContaining("RENT MARCH")]);
  });

  it("shows status live, with a failure explained by the doctor", async () => {
    await page.goto(`${web.origin}/#/status`);
    await page.locator("text=· live").waitFor();
    expect(await page.locator(".status-page table").textContent()).toContain(web.root);
    const failure = page.locator(".failures li", { hasText: "broken/statement.pdf" });
    await failure.locator("button", { hasText: "Explain" }).click();
    await expect.poll(() => failure.locator(".doctor").textContent()).toContain("failed:");
    expect(await page.locator(".read-in-part li").textContent()).toMatch(
      /scans\/mixed\.pdf.*1 page without a text layer; not indexed: OCR is off/,
    );
    expect(await page.locator("tr", { hasText: "/memory" }).textContent()).toContain("memory");
    expect(await page.locator("tr", { hasText: "/memory" }).locator("button").count()).toBe(0);
    await page.fill("label:has-text('Why is a file') input", join(web.root, "work/server.key"));
    await page.click("button:has-text('Check')");
    await expect
      .poll(() => page.locator(".checked .doctor").textContent())
      .toMatch(/ignored.*secret/i);
    // Every rule, on request: the secret patterns include the key file's.
    await page.click("summary:has-text('What is never indexed')");
    await expect.poll(() => page.locator(".rules dl").textContent()).toContain("*.key");
    expect(await page.locator(".rules dl").textContent()).toContain("node_modules");
  });

  it("lists memory notes with their client and tags, and the audit log with its filters", async () => {
    await page.goto(`${web.origin}/#/memory`);
    const note = page.locator(".note", { hasText: "Garden watering" });
    await note.waitFor();
    expect(await note.locator(".meta").textContent()).toContain("Claude Code 2.1");
    expect(await note.locator(".meta").textContent()).toContain("garden");
    await page.goto(`${web.origin}/#/audit`);
    await page.locator("table.rows").waitFor();
    await page.selectOption("label:has-text('Client') select", "Cursor 1.9");
    await expect
      .poll(async () => await page.locator("table.rows tbody tr td:nth-child(2)").allTextContents())
      .toEqual(["Cursor 1.9"]);
  });

  it("downloads a model with its progress, and lists it installed", async () => {
    const gguf = readFileSync(testModelPath());
    const server = createServer((req, res) => {
      if (req.url !== "/models/pulled-test.gguf") return void res.writeHead(404).end();
      res.writeHead(200, { "content-length": gguf.length });
      res.end(gguf);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await page.goto(`${web.origin}/#/models`);
      await page.fill(
        "label:has-text('Preset name') input",
        `http://127.0.0.1:${port}/models/nope.gguf`,
      );
      await page.click("button:has-text('Download')");
      await expect.poll(() => page.locator(".pull .error").textContent()).toMatch(/404/);
      await page.fill(
        "label:has-text('Preset name') input",
        `http://127.0.0.1:${port}/models/pulled-test.gguf`,
      );
      // The first look at its progress fails (the daemon restarting, say): the page looks again.
      let failedPolls = 0;
      await page.route("**/api/models/pull", (route, request) =>
        request.method() === "GET" && failedPolls++ === 0 ? route.abort() : route.continue(),
      );
      await page.click("button:has-text('Download')");
      await expect
        .poll(() => page.locator(".pull").textContent(), { timeout: 15_000 })
        .toMatch(/installed .*pulled-test\.gguf/);
      expect(failedPolls).toBeGreaterThan(1);
      await page.unroute("**/api/models/pull");
      // The browser logs the look that was made to fail; that error was this test's own doing.
      const injected = watched.errors.findIndex((e) => /Failed to load resource/.test(e));
      expect(injected).toBeGreaterThanOrEqual(0);
      watched.errors.splice(injected, 1);
      await expect.poll(() => page.locator("tr", { hasText: "pulled-test.gguf" }).count()).toBe(1);
      const pulled = join(web.home, "models", "pulled-test.gguf");
      expect(readFileSync(pulled).equals(gguf)).toBe(true);
    } finally {
      server.close();
    }
  });

  it("has no serious accessibility violation on any view", async () => {
    const found: Record<string, string[]> = {};
    for (const view of ["search", "status", "finances", "memory", "audit", "models"]) {
      await page.goto(`${web.origin}/#/${view}`);
      await page.locator("main > *:nth-child(2)").waitFor();
      await page.waitForLoadState("networkidle").catch(() => undefined);
      const violations = await seriousViolations(page);
      if (violations.length) found[view] = violations;
    }
    expect(found).toEqual({});
  });

  it("logged no console error and asked nothing of any host but the daemon", () => {
    expect(watched.errors).toEqual([]);
    // The page asks only the daemon (the model download above is the daemon's, not the page's).
    const foreign = watched.requests.filter((url) => !url.startsWith(`${web.origin}/`));
    expect(foreign).toEqual([]);
    expect(watched.requests.length).toBeGreaterThan(10);
  });
});
