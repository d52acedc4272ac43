// Once per run: builds dist/ and the page (end-to-end tests spawn the built `hearth`, as users run it) and
// generates the small test embedding model, whose path every test file gets.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildWeb } from "../scripts/build-web.js";
import { writeTestModel } from "../scripts/test-model/bert-bag-of-words.js";

declare module "vitest" {
  export interface ProvidedContext {
    testModelPath: string;
  }
}

function buildDist(): void {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" });
}

export default async function setup(project: TestProject): Promise<() => void> {
  buildDist();
  await buildWeb();
  const dir = mkdtempSync(join(tmpdir(), "hearth-model-"));
  const path = join(dir, "hearth-test-bow.gguf");
  writeTestModel(path);
  project.provide("testModelPath", path);
  return () => rmSync(dir, { recursive: true, force: true });
}
