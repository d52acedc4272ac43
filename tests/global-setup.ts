// Generates the small test embedding model once per run and hands its path to every test file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { writeTestModel } from "../scripts/test-model/bert-bag-of-words.js";

declare module "vitest" {
  export interface ProvidedContext {
    testModelPath: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "hearth-model-"));
  const path = join(dir, "hearth-test-bow.gguf");
  writeTestModel(path);
  project.provide("testModelPath", path);
  return () => rmSync(dir, { recursive: true, force: true });
}
