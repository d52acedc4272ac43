// Runs a `hearth` command line in this process, through the same main(argv, io) the executable
// runs, capturing what it writes: CLI semantics without a process per call.
import { Writable } from "node:stream";
import { main } from "../../src/cli/main.js";
import { streamIo } from "../../src/cli/io.js";

export interface MainResult {
  code: number;
  stdout: string;
  stderr: string;
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

export async function runMain(args: string[], env: NodeJS.ProcessEnv): Promise<MainResult> {
  const out = collector();
  const err = collector();
  const code = await main(args, streamIo(out.stream, err.stream, env));
  return { code, stdout: out.text(), stderr: err.text() };
}
