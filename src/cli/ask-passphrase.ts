// Types a passphrase at the terminal without echoing it. Only on a terminal: a script, a service
// or an editor gives the key through HEARTH_KEY or HEARTH_KEY_FILE instead.
import type { ReadStream } from "node:tty";
import type { Readable, Writable } from "node:stream";
import { HearthError } from "../errors.js";

function isTerminal(input: Readable): input is ReadStream {
  return (
    (input as ReadStream).isTTY === true && typeof (input as ReadStream).setRawMode === "function"
  );
}

function readHidden(input: ReadStream, output: Writable, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(prompt);
    let value = "";
    const done = () => {
      input.off("data", onData);
      input.setRawMode(false);
      input.pause();
      output.write("\n");
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return (done(), resolve(value));
        if (ch === "\u0003" || ch === "\u0004")
          return (done(), reject(new HearthError("BAD_ARGUMENT", "cancelled")));
        value = ch === "\u007f" || ch === "\b" ? value.slice(0, -1) : value + ch;
      }
    };
    input.setRawMode(true);
    input.on("data", onData);
    input.resume();
  });
}

/** The passphrase typed at the terminal (twice when `confirm`), or null without a terminal. */
export async function askPassphrase(
  input: Readable,
  output: Writable,
  what: string,
  confirm = false,
): Promise<string | null> {
  if (!isTerminal(input)) return null;
  const first = await readHidden(input, output, `${what}: `);
  if (first === "") throw new HearthError("BAD_ARGUMENT", "the passphrase must not be empty");
  if (confirm && (await readHidden(input, output, "again, to confirm: ")) !== first)
    throw new HearthError("BAD_ARGUMENT", "the two passphrases differ; nothing was changed");
  return first;
}
