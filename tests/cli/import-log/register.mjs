// Preloaded with `node --import`: installs hook.mjs in the process under test.
import { register } from "node:module";

register(new URL("./hook.mjs", import.meta.url));
