// Tests: the page's server — sign-in by one-time link, refusals (no session, foreign Host or
// Origin, a change without the CSRF token), its headers, and answers equal to the CLI's.
import { request } from "node:http";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { agentCaller } from "../../src/service/caller.js";
import { runMain } from "../cli/run-main.js";
import { rawDb, tempDir, writeTree } from "../helpers.js";
import { makePdf } from "../indexers/fixtures.js";
import { signIn, startWebFixture, type WebFixture } from "./web-fixture.js";

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: options.method ?? "GET",
        headers: {
          ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    if (options.body === undefined) return req.end();
    // Node sends a DELETE's body only with its length given.
    const body = JSON.stringify(options.body);
    req.setHeader("content-length", Buffer.byteLength(body));
    req.end(body);
  });
}

let web: WebFixture;
let cookie: string;
let csrf: string;

const api = async <T>(path: string, options: Parameters<typeof call>[2] = {}) => {
  const reply = await call(web.port, path, {
    ...options,
    headers: { cookie, ...options.headers },
  });
  const json = String(reply.headers["content-type"]).startsWith("application/json");
  return { ...reply, json: (json ? JSON.parse(reply.body) : null) as T };
};

const change = <T>(
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  api<T>(path, {
    method,
    body,
    headers: { origin: web.origin, "x-hearth-csrf": csrf, ...headers },
  });

describe("the web page's server", () => {
  beforeAll(async () => {
    web = await startWebFixture();
    cookie = await signIn(web);
    csrf = (await api<{ csrf: string }>("/api/session")).json.csrf;
  });

  it("signs a browser in once per link: HttpOnly, SameSite=Strict, and the code is spent", async () => {
    const link = await web.link();
    expect(link).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${web.port}/login\\?code=[\\w-]{40,}$`),
    );
    const first = await call(web.port, new URL(link).pathname + new URL(link).search);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe("/");
    const set = String(first.headers["set-cookie"]);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    const again = await call(web.port, new URL(link).pathname + new URL(link).search);
    expect(again.status).toBe(401);
    expect(again.body).toContain("already used or has expired");
    expect((await call(web.port, "/login?code=guess")).status).toBe(401);
  });

  it("answers 401 without a session, saying to run hearth open", async () => {
    const page = await call(web.port, "/");
    expect(page.status).toBe(401);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    expect(page.body).toContain("hearth open");
    const status = await call(web.port, "/api/status");
    expect(status.status).toBe(401);
    expect(JSON.parse(status.body)).toMatchObject({ error: { code: "NO_SESSION" } });
    const forged = await call(web.port, "/api/status", {
      headers: { cookie: `hearth_${web.port}=forged` },
    });
    expect(forged.status).toBe(401);
  });

  it("refuses a foreign Host or Origin (403), even with a session", async () => {
    const host = await api("/api/status", { headers: { host: `evil.example:${web.port}` } });
    expect(host.status).toBe(403);
    const origin = await api("/api/status", { headers: { origin: "https://evil.example" } });
    expect(origin.status).toBe(403);
    expect((await api("/api/status", { headers: { origin: web.origin } })).status).toBe(200);
    // Another port on this machine is the same site to a browser, not the page.
    const otherPort = await api("/api/roots", { headers: { origin: "http://127.0.0.1:3000" } });
    expect(otherPort.status).toBe(403);
    const sameSite = await api("/api/doctor?path=/x", {
      headers: { "sec-fetch-site": "same-site" },
    });
    expect(sameSite.status).toBe(403);
    const ownPage = await api("/api/roots", { headers: { "sec-fetch-site": "same-origin" } });
    expect(ownPage.status).toBe(200);
  });

  it("refuses a change without the session's CSRF token or from another origin", async () => {
    const note = { title: "csrf probe", text: "should not be written" };
    const bare = await api("/api/memory", { method: "POST", body: note });
    expect(bare.status).toBe(403);
    expect(bare.json).toMatchObject({ error: { code: "CSRF" } });
    const wrong = await change("POST", "/api/memory", note, { "x-hearth-csrf": "x".repeat(43) });
    expect(wrong.status).toBe(403);
    const otherPort = await change("POST", "/api/memory", note, { origin: "http://127.0.0.1:1" });
    expect(otherPort.status).toBe(403);
    const crossSite = await api("/api/memory", {
      method: "POST",
      body: note,
      headers: { "x-hearth-csrf": csrf, "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    const form = await api("/api/memory", {
      method: "POST",
      headers: { origin: web.origin, "x-hearth-csrf": csrf, "content-type": "text/plain" },
      body: note,
    });
    expect(form.status).toBe(415);
    const notes = await api<{ notes: unknown[] }>("/api/memory");
    expect(notes.json.notes).toEqual([]);
  });

  it("sends a strict Content-Security-Policy and no-sniff on the page and the API", async () => {
    for (const path of ["/", "/api/status", "/assets/app.js"]) {
      const reply = await api(path);
      expect(reply.status).toBe(200);
      const csp = String(reply.headers["content-security-policy"]);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(reply.headers["x-content-type-options"]).toBe("nosniff");
      expect(reply.headers["x-frame-options"]).toBe("DENY");
    }
    expect((await api("/api/status")).headers["cache-control"]).toBe("no-store");
  });

  it("searches and reads with citations, as the service does", async () => {
    const found = await api<{ results: { path: string; location: { startLine: number } }[] }>(
      "/api/search?q=apartment%20lease&mode=keyword",
    );
    expect(found.status).toBe(200);
    const top = found.json.results[0]!;
    expect(top.path).toBe(join(web.root, "home/lease.md"));
    const read = await api<{ text: string; startLine: number }>(
      `/api/read?path=${encodeURIComponent(top.path)}&start=1&end=3`,
    );
    expect(read.json.text.split("\n")[0]).toBe("1\t# Apartment lease");
    const bad = await api<{ error: { code: string } }>("/api/search?q=x&limit=lots");
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("BAD_ARGUMENT");
    const outside = await api<{ error: { code: string } }>("/api/read?path=/etc/passwd");
    expect(outside.status).toBe(400);
    expect(outside.json.error.code).toMatch(/^PATH_/);
  });

  it("reads a document again once it changed (its extracted text is kept by content)", async () => {
    const path = join(web.root, "letters/offer.pdf");
    writeTree(web.root, {
      "letters/offer.pdf": Buffer.from(await makePdf(["Offer of 100 euros"])),
    });
    const url = `/api/read?path=${encodeURIComponent(path)}`;
    expect((await api<{ text: string }>(url)).json.text).toContain("Offer of 100 euros");
    writeTree(web.root, {
      "letters/offer.pdf": Buffer.from(await makePdf(["Offer of 250 euros"])),
    });
    const again = await api<{ text: string }>(url);
    expect(again.json.text).toContain("Offer of 250 euros");
    expect(again.json.text).not.toContain("100 euros");
    const page = await api<{ text: string }>(`${url}&page=1`);
    expect(page.json.text.split("\n")[0]).toBe("1\t[page 1]");
    const missing = await api<{ error: { message: string } }>(`${url}&page=3`);
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toContain("has no page 3: it has 1");
    const both = await api<{ error: { message: string } }>(`${url}&page=1&start=2`);
    expect(both.json.error.message).toContain("a page or a line range, not both");
  });

  it("answers query_table number for number as `hearth table query`", async () => {
    const request = { category: "groceries", group_by: "month", flow: "out" };
    const viaWeb = await change<{ groups: { key: string; sum: number; count: number }[] }>(
      "POST",
      "/api/query-table",
      request,
    );
    expect(viaWeb.status).toBe(200);
    const cli = await runMain(
      [
        "table",
        "query",
        "--category",
        "groceries",
        "--group-by",
        "month",
        "--flow",
        "out",
        "--json",
      ],
      web.env,
    );
    expect(cli.code).toBe(0);
    const viaCli = JSON.parse(cli.stdout) as {
      groups: { key: string; sum: number; count: number }[];
    };
    const figures = (a: { groups: { key: string; sum: number; count: number }[] }) =>
      a.groups.map((g) => [g.key, g.sum, g.count]);
    expect(figures(viaWeb.json)).toEqual(figures(viaCli));
    expect(figures(viaWeb.json)).toEqual([
      ["2026-01", -84.27, 1],
      ["2026-02", -76.34, 2],
    ]);
  });

  it("lists, corrects and forgets what agents remembered", async () => {
    const { service } = web.host;
    const kept = await service.remember(agentCaller("Claude Desktop 1.2"), {
      title: "Preferred airline",
      text: "Fly with the red-tailed airline when possible.",
      tags: ["travel"],
    });
    const listed = await api<{
      notes: { id: string; client: string; tags: string[]; text: string }[];
    }>("/api/memory");
    expect(listed.json.notes).toMatchObject([
      {
        id: kept.id,
        client: "Claude Desktop 1.2",
        tags: ["travel"],
        text: "Fly with the red-tailed airline when possible.",
      },
    ]);
    const edited = await change<{ supersedes: { id: string } }>("POST", "/api/memory", {
      title: "Preferred airline",
      text: "Fly with the blue airline from now on.",
      tags: ["travel"],
      corrects: kept.id,
    });
    expect(edited.json.supersedes.id).toBe(kept.id);
    const after = await api<{ notes: { text: string; path: string }[] }>("/api/memory");
    expect(after.json.notes.map((n) => n.text)).toEqual(["Fly with the blue airline from now on."]);
    const gone = await change<{ existed: boolean }>("DELETE", "/api/memory", {
      path: after.json.notes[0]!.path,
    });
    expect(gone.json.existed).toBe(true);
    // The correction forgotten, the note it corrected stands again; forgotten too, none is left.
    const back = await api<{ notes: { id: string; path: string }[] }>("/api/memory");
    expect(back.json.notes.map((n) => n.id)).toEqual([kept.id]);
    await change("DELETE", "/api/memory", { path: back.json.notes[0]!.path });
    expect((await api<{ notes: unknown[] }>("/api/memory")).json.notes).toEqual([]);
  });

  it("filters the audit log and exports it as CSV and JSON, formulas defused", async () => {
    const agent = agentCaller("=cmd|' /C calc'!A0");
    await web.host.service.search(agent, { query: "tomatoes compost" });
    await web.host.service.search(agentCaller("Zed 0.150"), { query: "japan trip" });
    const all = await api<{ entries: { client: string; tool: string }[]; clients: string[] }>(
      "/api/audit",
    );
    expect(all.json.clients).toEqual(expect.arrayContaining(["Zed 0.150", "=cmd|' /C calc'!A0"]));
    const zed = await api<{ entries: { client: string }[] }>(
      "/api/audit?client=Zed%200.150&tool=search",
    );
    expect(zed.json.entries.map((e) => e.client)).toEqual(["Zed 0.150"]);
    const future = await api<{ entries: unknown[] }>(`/api/audit?since=${Date.now() + 60_000}`);
    expect(future.json.entries).toEqual([]);
    const csv = await api("/api/audit/export?format=csv");
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(csv.headers["content-disposition"]).toContain("hearth-audit.csv");
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toBe("time,client,profile,tool,arguments,paths,error");
    expect(csv.body).toContain(",'=cmd|' /C calc'!A0,");
    expect(csv.body).toContain("Zed 0.150");
    const json = await api<{ client: string; at: string }[]>(
      "/api/audit/export?format=json&client=Zed%200.150",
    );
    expect(json.json.map((e) => e.client)).toEqual(["Zed 0.150"]);
    expect(json.json[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("exports the whole audit log, past one page and across a millisecond a page ends in", async () => {
    // 25,000 entries from a minute ago (older ones the retention purge may take at any moment),
    // 3,000 to a millisecond: the 10,000-entry pages end mid-millisecond.
    const db = rawDb(join(web.home, "index.sqlite"));
    const insert = db.prepare(
      "INSERT INTO audit(at, client, profile, tool, arguments, paths, error) VALUES (?, 'bulk', NULL, 'search', '{}', '[]', NULL)",
    );
    db.transaction(() => {
      const start = Date.now() - 60_000;
      for (let i = 0; i < 25_000; i++) insert.run(start + Math.floor(i / 3_000));
    })();
    const csv = await api("/api/audit/export?format=csv&client=bulk");
    const rows = csv.body.trim().split("\r\n");
    expect(rows).toHaveLength(1 + 25_000);
    const json = await api<{ at: string }[]>("/api/audit/export?format=json&client=bulk");
    expect(json.json).toHaveLength(25_000);
    // Newest first, every millisecond's 3,000 (the last one's 1,000) each once.
    const perMs = new Map<string, number>();
    for (const e of json.json) perMs.set(e.at, (perMs.get(e.at) ?? 0) + 1);
    expect([...perMs.values()]).toEqual([1_000, ...Array<number>(8).fill(3_000)]);
    expect((await api<unknown[]>("/api/audit/export?format=json&client=nobody")).json).toEqual([]);
    // A bad filter is refused before anything is sent, not an empty download.
    const bad = await api<{ error: { code: string } }>("/api/audit/export?until=abc");
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("BAD_ARGUMENT");
  });

  it("adds and removes a watched folder, and names a folder that does not exist", async () => {
    const extra = tempDir();
    writeTree(extra, { "extra.md": "# Extra folder note\n" });
    const added = await change<{ roots: string[] }>("POST", "/api/roots", { path: extra });
    expect(added.status).toBe(200);
    expect(added.json.roots).toContain(extra);
    const config = JSON.parse(readFileSync(join(web.home, "config.json"), "utf8")) as {
      roots: string[];
    };
    expect(config.roots).toContain(extra);
    const removed = await change<{ roots: string[] }>("DELETE", "/api/roots", { path: extra });
    expect(removed.json.roots).not.toContain(extra);
    const missing = await change<{ error: { code: string; message: string } }>(
      "POST",
      "/api/roots",
      {
        path: join(extra, "nope"),
      },
    );
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe("ROOT_NOT_FOUND");
    const empty = await change<{ error: { message: string } }>("POST", "/api/roots", {});
    expect(empty.json.error.message).toContain('{"path": "…"}');
    // A relative folder would mean the daemon's own working folder: refused, saying what to type.
    const relative = await change<{ error: { code: string; fix: string } }>("POST", "/api/roots", {
      path: "Notes",
    });
    expect(relative.status).toBe(400);
    expect(relative.json.error.code).toBe("BAD_ARGUMENT");
    expect(relative.json.error.fix).toMatch(/~\//);
  });

  it("downloads models from presets, hf: and https:// only, to a .gguf name", async () => {
    for (const source of ["/etc/passwd", "file:///etc/passwd", "http://example.com/m.gguf"]) {
      const refused = await change<{ error: { code: string; fix: string } }>(
        "POST",
        "/api/models/pull",
        { source },
      );
      expect(refused.status, source).toBe(400);
      expect(refused.json.error.fix).toContain("hearth models pull PATH");
    }
    const dots = await change<{ error: { message: string } }>("POST", "/api/models/pull", {
      source: "hf:owner/repo/x/..",
    });
    expect(dots.status).toBe(400);
    expect(dots.json.error.message).toContain("is not a model file name");
    expect((await api<{ pull: unknown }>("/api/models/pull")).json.pull).toBeNull();
  });

  it("explains a failed file with the doctor's lines", async () => {
    const path = join(web.root, "broken/statement.pdf");
    const status = await api<{ failures: { path: string; error: string }[] }>("/api/status");
    expect(status.json.failures.map((f) => f.path)).toContain(path);
    const doctor = await api<{ lines: [string, string][] }>(
      `/api/doctor?path=${encodeURIComponent(path)}`,
    );
    const labels = doctor.json.lines.map(([label]) => label);
    expect(labels).toEqual(expect.arrayContaining(["file", "root", "index", "extract now"]));
    expect(Object.fromEntries(doctor.json.lines).index).toMatch(/^failed: /);
  });

  it("lists every rule that leaves files out", async () => {
    const rules = await api<{
      folders: string[];
      secrets: string[] | null;
      ignoreFiles: string[];
      exclude: string[];
    }>("/api/ignore-rules");
    expect(rules.status).toBe(200);
    expect(rules.json.folders).toEqual(expect.arrayContaining([".git", "node_modules"]));
    expect(rules.json.secrets).toEqual(expect.arrayContaining([".env", "*.key", "id_rsa*"]));
    expect(rules.json.ignoreFiles).toEqual([".gitignore", ".hearthignore"]);
    expect(rules.json.exclude).toEqual([]);
  });

  it("pushes the status as server-sent events", async () => {
    const res = await fetch(`${web.origin}/api/events`, { headers: { cookie } });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const reader = res.body!.getReader();
    let text = "";
    while (!text.includes("\n\n")) {
      const { value } = (await reader.read()) as { value?: Uint8Array };
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    expect(text).toMatch(/^event: status\ndata: \{/);
    const status = JSON.parse(text.split("\n")[1]!.slice(6)) as { files: number };
    expect(status.files).toBeGreaterThan(5);
  });

  it("opens the browser on the link when asked (BROWSER names it)", async () => {
    const dir = tempDir();
    const record = join(dir, "opened.txt");
    const browser = join(dir, "browser.sh");
    writeTree(dir, { "browser.sh": `#!/bin/sh\necho "$1" > "${record}"\n` });
    await import("node:fs").then((fs) => fs.chmodSync(browser, 0o755));
    const opened = await runMain(["open"], { ...web.env, BROWSER: browser });
    expect(opened.code).toBe(0);
    expect(opened.stderr).toContain("opened Hearth in the browser");
    const { waitFor } = await import("../daemon/converge.js");
    await waitFor(() => {
      try {
        return readFileSync(record, "utf8").startsWith(`${web.origin}/login?code=`);
      } catch {
        return false;
      }
    });
  });
});
