// `npm run screenshots`: the page's views over a small made-up home folder, as PNGs in
// docs/screenshots (shown in the README). Runs a daemon in a temp HEARTH_HOME and Debian's Chromium.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { daemonFiles } from "../src/config/paths.js";
import { openHearth } from "../src/hearth.js";
import { startDaemonHost } from "../src/host/run-daemon.js";
import { silentLogger } from "../src/log.js";
import { callDaemon } from "../src/rpc/control-socket.js";
import { agentCaller } from "../src/service/caller.js";
import { launchChromium } from "./debian-chromium.js";
import { writeTestModel } from "./test-model/bert-bag-of-words.js";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "docs", "screenshots");

const FILES: Record<string, string> = {
  "Notes/home/lease.md": `# Apartment lease\n\nAfter a long talk with the landlord I decided to renew the apartment lease for two more years.\n\n## Rent\n\nThe monthly rent rises by three percent from March. The deposit stays the same.\n`,
  "Notes/garden.md": `# Garden log\n\n## Tomatoes\n\nPlanted cherry tomatoes along the south fence. Water them every evening.\n\n## Compost\n\nTurn the compost pile weekly.\n`,
  "Notes/travel/japan.txt": `Trip to Japan in April: Kyoto temples, the Nara deer park, a ryokan with hot springs.\nBook the bullet train tickets two weeks ahead.\n`,
  "Notes/work/planning.md": `# Quarterly planning\n\nShip the invoice export before the conference. Nadia owns the database migration.\n`,
  "Bank/checking-2026.csv": `Date,Description,Amount,Balance
01/03/2026,PAYROLL ACME CORP,"$3,100.00","$5,240.11"
01/05/2026,WHOLE FOODS MARKET,-$84.27,"$5,155.84"
01/09/2026,SHELL OIL 123,-$40.10,"$5,115.74"
01/15/2026,RESTAURANT LA VIE,-$64.00,"$5,051.74"
01/28/2026,TRADER JOE'S #55,-$61.33,"$4,990.41"
02/01/2026,RENT FEBRUARY,"-$1,200.00","$3,790.41"
02/03/2026,PAYROLL ACME CORP,"$3,100.00","$6,890.41"
02/08/2026,WHOLE FOODS MARKET,-$102.50,"$6,787.91"
02/14/2026,RESTAURANT LA VIE,-$120.00,"$6,667.91"
02/20/2026,SHELL OIL 123,-$38.75,"$6,629.16"
03/01/2026,RENT MARCH,"-$1,200.00","$5,429.16"
03/03/2026,PAYROLL ACME CORP,"$3,100.00","$8,529.16"
03/06/2026,TRADER JOE'S #55,-$77.90,"$8,451.26"
03/19/2026,SHELL OIL 123,-$44.20,"$8,407.06"
`,
  "Bank/broken-scan.pdf": "%PDF-1.7\nnot a PDF body\n",
};

const CATEGORIES = `groceries: whole foods, trader joe
fuel: shell
dining: restaurant
housing: rent
income: payroll
`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "hearth-shots-"));
  try {
    const home = join(dir, "home");
    const files = join(dir, "you");
    for (const [rel, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(files, rel)), { recursive: true });
      writeFileSync(join(files, rel), text);
    }
    mkdirSync(home);
    const model = join(dir, "model.gguf");
    writeTestModel(model);
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    writeFileSync(
      join(home, "config.json"),
      JSON.stringify({
        roots: [join(files, "Notes"), join(files, "Bank")],
        embedding: { model, threads: 1 },
        web: { port },
      }),
    );
    writeFileSync(join(home, "categories.txt"), CATEGORIES);
    const env = { ...process.env, HEARTH_HOME: home };
    const host = await startDaemonHost(await openHearth({ log: silentLogger, env }), silentLogger);
    await host.daemon.settled();
    const claude = agentCaller("Claude Desktop 1.9");
    await host.service.remember(claude, {
      title: "Lease renewal",
      text: "The user renewed the apartment lease for two years; rent rises 3% from March.",
      tags: ["home", "lease"],
    });
    await host.service.remember(agentCaller("Cursor 1.9"), {
      title: "Conference deadline",
      text: "Invoice export ships before the conference; Nadia owns the migration.",
      tags: ["work"],
    });
    await host.service.search(claude, { query: "apartment lease rent" });
    await host.service.read(claude, { path: join(files, "Notes/home/lease.md") });
    await host.service.search(agentCaller("Zed 0.190"), { query: "japan trip" });
    const { link } = await callDaemon<{ link: string }>(daemonFiles(home).socketFile, "web-link");
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(link);
    await page.fill("input[type=search]", "lease rent");
    await page.locator("#result-0").waitFor();
    await page.locator(".preview .line.cited").first().waitFor();
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: join(OUT, "search.png") });
    for (const view of ["status", "finances", "memory", "audit", "models"]) {
      await page.goto(`http://127.0.0.1:${port}/#/${view}`);
      await page.locator("main > *:nth-child(2)").waitFor();
      await page.waitForLoadState("networkidle");
      if (view === "status") await page.locator("text=· live").waitFor();
      if (view === "finances") await page.locator("table.figures").waitFor();
      await page.screenshot({ path: join(OUT, `${view}.png`), fullPage: view === "finances" });
    }
    await browser.close();
    await host.stop();
    console.log(`screenshots in ${OUT}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
