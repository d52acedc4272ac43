// Bytes to text: UTF-8 (with or without BOM), UTF-16 by BOM, else Windows-1252; never throws on bad bytes.
import { ExtractError } from "./indexer.js";

const SNIFF_BYTES = 8192;

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder("utf-8").decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) {
    throw new ExtractError("binary file (contains NUL bytes), not text");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Not valid UTF-8: the common legacy case is Windows-1252, a superset of Latin-1's printable range.
    return new TextDecoder("windows-1252").decode(bytes);
  }
}
