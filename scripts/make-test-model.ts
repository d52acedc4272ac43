// Writes the generated test embedding model (a few MB, no download): `npm run make-test-model -- OUT.gguf`.
import { resolve } from "node:path";
import { writeTestModel } from "./test-model/bert-bag-of-words.js";

const out = resolve(process.argv[2] ?? "hearth-test-model.gguf");
writeTestModel(out);
console.error(`wrote ${out}`);
