// Bytes to text: UTF-8 (with or without BOM), UTF-16 by BOM, else Windows-1252; never throws on bad bytes.
import { ExtractError } from "./indexer.js";

const SNIFF_BYTES = 8192;

/**
 * Windows-1252's 0x80–0x9F, where it differs from Latin-1 (undefined bytes stay as their C1 code).
 * Decoded by hand: Node 20's TextDecoder("windows-1252") takes a Latin-1 fast path and gets these wrong.
 */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes)
    out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b);
  return out;
}

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
    return decodeWindows1252(bytes);
  }
}
