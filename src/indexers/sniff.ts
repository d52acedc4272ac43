// Names what a file really is from its first bytes, to explain a mislabelled file (a JPEG named .pdf).

const SIGNATURES: readonly [string, readonly number[]][] = [
  ["a PDF", [0x25, 0x50, 0x44, 0x46]],
  ["a JPEG image", [0xff, 0xd8, 0xff]],
  ["a PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["a GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["a ZIP archive (or an Office document)", [0x50, 0x4b, 0x03, 0x04]],
  ["a gzip archive", [0x1f, 0x8b]],
  ["an old Word/Excel (OLE) document", [0xd0, 0xcf, 0x11, 0xe0]],
  ["an executable", [0x7f, 0x45, 0x4c, 0x46]],
];

export function sniffType(bytes: Uint8Array): string | null {
  for (const [name, magic] of SIGNATURES) {
    if (magic.every((b, i) => bytes[i] === b)) return name;
  }
  return null;
}
