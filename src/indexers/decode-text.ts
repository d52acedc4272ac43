// Bytes to text: UTF-8 (BOM or not), UTF-16 (BOM or not), legacy encodings by detection; never throws on bad bytes.
import chardet from "chardet";
import iconv from "iconv-lite";
import { ExtractError } from "./indexer.js";

const SNIFF_BYTES = 8192;

function utf16WithoutBom(sample: Uint8Array): "utf-16le" | "utf-16be" | null {
  let even = 0;
  let odd = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 8) return null; // too little to tell
  if (odd > pairs * 0.3 && even < pairs * 0.05) return "utf-16le";
  if (even > pairs * 0.3 && odd < pairs * 0.05) return "utf-16be";
  return null;
}

/**
 * Not UTF-8: ask a detector (Shift_JIS, Big5, windows-1251, …); Windows-1252 when it is unsure.
 * iconv-lite decodes in native-speed chunks (Node 20's TextDecoder gets windows-1252's 0x80–0x9F
 * wrong, and a hand loop took 20 s for 100 MB).
 */
function decodeLegacy(bytes: Uint8Array, sample: Uint8Array): string {
  const guess = chardet.detect(sample)?.toLowerCase() ?? null;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (
    guess &&
    !/^(iso-8859-1|windows-1252|utf-8|ascii)$/.test(guess) &&
    iconv.encodingExists(guess)
  )
    return iconv.decode(buffer, guess);
  return iconv.decode(buffer, "windows-1252");
}

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder("utf-8").decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const sample = bytes.subarray(0, SNIFF_BYTES);
  if (sample.includes(0)) {
    // UTF-16 without a BOM has NULs in every other byte of ASCII text; anything else with NULs is binary.
    const utf16 = utf16WithoutBom(sample);
    if (utf16) return new TextDecoder(utf16).decode(bytes);
    throw new ExtractError("binary file (contains NUL bytes), not text");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return decodeLegacy(bytes, sample);
  }
}
