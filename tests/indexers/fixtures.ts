// Generated documents for the format tests: PDFs with pdf-lib, DOCX as a hand-built zip.
import { strToU8, zipSync } from "fflate";
import ExcelJS from "exceljs";
import { PDFDocument, StandardFonts } from "pdf-lib";

export async function makePdf(pages: readonly string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.setTitle("Generated statement");
  for (const text of pages) {
    const page = pdf.addPage([400, 400]);
    text
      .split("\n")
      .forEach((line, i) => page.drawText(line, { x: 20, y: 360 - i * 16, size: 12, font }));
  }
  return pdf.save();
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`;

const para = (text: string, style?: string) =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}<w:r><w:t>${text}</w:t></w:r></w:p>`;
const cell = (text: string) => `<w:tc>${para(text)}</w:tc>`;

/** A DOCX with a Heading 1, a paragraph and a 2×2 table. */
export function makeDocx(
  heading: string,
  body: string,
  table: readonly [string, string][],
): Uint8Array {
  const rows = table.map(([a, b]) => `<w:tr>${cell(a)}${cell(b)}</w:tr>`).join("");
  const document = `<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
${para(heading, "Heading1")}${para(body)}<w:tbl>${rows}</w:tbl>
</w:body></w:document>`;
  return zipSync({
    "[Content_Types].xml": strToU8(CONTENT_TYPES),
    "_rels/.rels": strToU8(RELS),
    "word/document.xml": strToU8(document),
  });
}

/** A small zip whose central directory claims a 3 GB entry: a bomb by its own account. */
export function makeZipBomb(): Uint8Array {
  const zip = Buffer.from(makeDocx("x", "y", []));
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const cd = zip.readUInt32LE(eocd + 16);
  zip.writeUInt32LE(3_000_000_000, cd + 24);
  return zip;
}

/** A workbook with two sheets of transactions (header in row 1). */
export async function makeXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const checking = workbook.addWorksheet("Checking");
  checking.addRow(["Date", "Payee", "Amount"]);
  for (let i = 1; i <= 30; i++)
    checking.addRow([new Date(Date.UTC(2026, 2, i % 28 || 1)), `Payee ${i}`, -i * 3.5]);
  const savings = workbook.addWorksheet("Savings");
  savings.addRow(["Date", "Memo", "Amount"]);
  savings.addRow([new Date(Date.UTC(2026, 0, 5)), "Interest credited", 12.04]);
  savings.addRow([
    new Date(Date.UTC(2026, 1, 5)),
    "Transfer to holiday fund",
    { formula: "B1*0", result: -400 },
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
