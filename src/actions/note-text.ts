// A note's text as edits see it: UTF-8 with "\n" line ends, and how to write it back byte for byte
// the way it was (a byte-order mark kept, CRLF files kept CRLF).
import { createHash } from "node:crypto";
import { HearthError } from "../errors.js";

export interface NoteText {
  /** The text with "\n" line ends (CRLF turned into "\n" when the file uses CRLF throughout). */
  text: string;
  bom: boolean;
  eol: "\n" | "\r\n";
}

const BOM = "\uFEFF";

/** The version hash `read` returns and `edit_note` is sent back: sha256 of the file's bytes. */
export function versionHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function decodeNote(bytes: Uint8Array, path: string): NoteText {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new HearthError(
      "NOTE_NOT_UTF8",
      `${path} is not UTF-8 text, so it cannot be edited safely`,
      "edit it in an editor; Hearth only writes UTF-8 notes",
    );
  }
  if (text.includes("\0"))
    throw new HearthError("NOTE_NOT_UTF8", `${path} holds NUL bytes: it is not a text note`);
  const bom = text.startsWith(BOM);
  if (bom) text = text.slice(1);
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length;
  const eol = crlf > 0 && crlf === lf ? "\r\n" : "\n";
  return { text: eol === "\r\n" ? text.replaceAll("\r\n", "\n") : text, bom, eol };
}

export function encodeNote(note: NoteText): Buffer {
  const body = note.eol === "\r\n" ? note.text.replaceAll("\n", "\r\n") : note.text;
  return Buffer.from((note.bom ? BOM : "") + body, "utf8");
}

/** Text an agent sent, with its line ends as "\n" (files' own ends are restored on writing). */
export function normalizeEols(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}
