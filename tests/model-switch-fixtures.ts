// A second generated test model (other dimensions, other weights), to switch to and from.
import { join } from "node:path";
import { writeTestModel } from "../scripts/test-model/bert-bag-of-words.js";
import { tempDir } from "./helpers.js";

export function makeSecondModel(): string {
  const path = join(tempDir("hearth-model-b-"), "hearth-test-b.gguf");
  writeTestModel(path, { dimensions: 32, seed: 7 });
  return path;
}
