// Reads a zip's central directory to refuse zip bombs before anything is decompressed.
import { ExtractError } from "./indexer.js";
import { sniffType } from "./sniff.js";

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

export interface ZipLimits {
  maxUncompressedBytes: number;
  /** Total uncompressed over compressed: real Office files stay far below this. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxUncompressedBytes: 200 * 2 ** 20, maxRatio: 200 };

export function checkZip(bytes: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  const from = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= from; i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw new ExtractError("not a valid zip-based document (no central directory; truncated?)");
  const entries = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== CENTRAL) {
      throw new ExtractError("damaged zip-based document (bad central directory)");
    }
    const size = bytes.readUInt32LE(offset + 24);
    if (size === 0xffffffff)
      throw new ExtractError("zip entry too large (ZIP64); refused as a possible zip bomb");
    total += size;
    offset +=
      46 +
      bytes.readUInt16LE(offset + 28) +
      bytes.readUInt16LE(offset + 30) +
      bytes.readUInt16LE(offset + 32);
  }
  if (total > limits.maxUncompressedBytes || total > Math.max(bytes.length, 1) * limits.maxRatio) {
    throw new ExtractError(
      `refused as a possible zip bomb: ${Math.round(total / 2 ** 20)} MB uncompressed from ${Math.round(bytes.length / 1024)} KB`,
    );
  }
}

/** An Office Open XML file (DOCX, XLSX) as a Buffer: refused if empty, not a zip, or a zip bomb. */
export function officeZip(input: Uint8Array, what: string): Buffer {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length === 0) throw new ExtractError("empty file (0 bytes)");
  const actual = sniffType(bytes);
  if (actual !== "a ZIP archive (or an Office document)") {
    throw new ExtractError(`not ${what}: the file is ${actual ?? "not a zip archive"}`);
  }
  checkZip(bytes);
  return bytes;
}
