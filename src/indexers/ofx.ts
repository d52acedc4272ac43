// OFX and QFX bank downloads (SGML 1.x and XML 2.x): each transaction one line of text, and the
// statement as a typed table of transactions. Rows are the lines of that text, which `read` shows.
import { extname } from "node:path";
import { unitsToDecimal } from "../tables/fixed-point.js";
import { inferDecimalMark, parseAmount } from "../tables/parse-amount.js";
import type { ExtractedTable, TableRow, Transaction } from "../tables/types.js";
import { decodeText } from "./decode-text.js";
import { ExtractError, type ExtractInput, type ExtractedDoc, type Indexer } from "./indexer.js";

/** Leaf elements of one aggregate: SGML leaves are not closed (<TRNAMT>-12.50), XML ones are. */
function leaves(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const match of block.matchAll(/<([A-Z0-9.]+)>([^<\r\n]*)/g)) {
    const value = match[2]!.trim();
    if (value && !fields.has(match[1]!)) fields.set(match[1]!, decodeEntities(value));
  }
  return fields;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** OFX dates are YYYYMMDD[HHMMSS[.XXX]][[offset:TZ]]; the day is what a statement lists. */
function ofxDate(value: string | undefined): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})/.exec(value ?? "");
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCDate() === Number(d) ? `${y}-${m}-${d}` : null;
}

export const ofxIndexer: Indexer = {
  extensions: [".ofx", ".qfx"],
  isolated: true,
  // eslint-disable-next-line @typescript-eslint/require-await -- an Indexer is async; this one reads nothing
  async extract({ path, bytes }: ExtractInput): Promise<ExtractedDoc> {
    const text = decodeText(bytes);
    if (!/<OFX>/i.test(text)) throw new ExtractError("not an OFX file: no <OFX> element");
    const upper = text.replace(
      /<(\/?)([a-z0-9.]+)>/gi,
      (_, slash: string, tag: string) => `<${slash}${tag.toUpperCase()}>`,
    );
    const blocks = [
      ...upper.matchAll(/<STMTTRN>([\s\S]*?)(?=<\/STMTTRN>|<STMTTRN>|<\/BANKTRANLIST>)/g),
    ].map((m) => leaves(m[1]!));
    if (blocks.length === 0) throw new ExtractError("the OFX file has no transactions (<STMTTRN>)");
    const currency = leaves(upper).get("CURDEF") ?? null;
    const mark = inferDecimalMark(blocks.map((b) => b.get("TRNAMT") ?? ""));

    const rows: TableRow[] = [];
    const transactions: Transaction[] = [];
    const lines: string[] = [];
    for (const fields of blocks) {
      const date = ofxDate(fields.get("DTPOSTED") ?? fields.get("DTUSER"));
      const amount = parseAmount(fields.get("TRNAMT") ?? "", mark);
      const description = fields.get("NAME") ?? fields.get("PAYEE") ?? fields.get("MEMO") ?? "";
      const memo = fields.get("MEMO") ?? "";
      const row = lines.length + 1;
      const cells = [
        date,
        fields.get("TRNTYPE") ?? null,
        amount?.units ?? null,
        description,
        memo || null,
        fields.get("FITID") ?? null,
      ];
      rows.push({ row, cells });
      lines.push(
        [
          date ?? "?",
          cells[1] ?? "",
          amount ? unitsToDecimal(amount.units) : "?",
          description,
          memo,
        ].join(" | "),
      );
      if (date && amount) {
        transactions.push({
          row,
          date,
          description,
          amount: amount.units,
          currency,
          balance: null,
        });
      }
    }
    const table: ExtractedTable = {
      name: "",
      headerRow: null,
      columns: [
        { name: "date", type: "date", role: "date" },
        { name: "type", type: "text" },
        { name: "amount", type: "amount", role: "amount" },
        { name: "description", type: "text", role: "description" },
        { name: "memo", type: "text" },
        { name: "id", type: "text" },
      ],
      rows,
      transactions,
    };
    return {
      kind: extname(path).slice(1).toLowerCase(),
      title: "",
      structure: "plain",
      segments: [
        {
          text: lines.join("\n"),
          startLine: 1,
          heading: "date | type | amount | description | memo",
        },
      ],
      tables: [table],
    };
  },
};
