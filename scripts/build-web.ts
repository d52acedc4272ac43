// Bundles the page (src/web/page) into dist/web: one script, one stylesheet, the HTML — everything
// it needs at run time, so the browser never asks anything of any host but the daemon.
import { copyFileSync, mkdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** The package root, from scripts/ (run by tsx) or dist/scripts/ (built; dist has its own
 * package.json, copied there by tsc for src/version.ts). */
function packageRoot(): string {
  const up = dirname(dirname(fileURLToPath(import.meta.url)));
  return basename(up) === "dist" ? dirname(up) : up;
}

export async function buildWeb(): Promise<string> {
  const root = packageRoot();
  const page = join(root, "src", "web", "page");
  const outDir = join(root, "dist", "web");
  mkdirSync(outDir, { recursive: true });
  const common = { bundle: true, minify: true, legalComments: "eof", logLevel: "warning" } as const;
  await build({
    ...common,
    entryPoints: [join(page, "main.tsx")],
    outfile: join(outDir, "app.js"),
    format: "esm",
    target: "es2022",
    jsx: "automatic",
    jsxImportSource: "preact",
  });
  await build({
    ...common,
    entryPoints: [join(page, "app.css")],
    outfile: join(outDir, "app.css"),
  });
  copyFileSync(join(page, "index.html"), join(outDir, "index.html"));
  return outDir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildWeb();
