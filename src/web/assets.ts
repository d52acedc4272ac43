// The page's files, built into dist/web by `npm run build` and held in memory, gzipped once.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export interface Asset {
  type: string;
  body: Buffer;
  gzip: Buffer;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** dist/web of this package, from here: src/web (tests run the source) or dist/src/web (built). */
export function webAssetsDir(): string {
  const top = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
  return basename(top) === "dist" ? join(top, "web") : join(top, "dist", "web");
}

/** Every built file by its URL path ("/assets/app.js"); index.html as "/". */
export function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(dir)) return assets;
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(join(dir, name));
    const asset = { type, body, gzip: gzipSync(body, { level: 9 }) };
    assets.set(name === "index.html" ? "/" : `/assets/${name}`, asset);
  }
  return assets;
}
