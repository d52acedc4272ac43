// `npm run eval -- ocr --dataset DIR [--json]`: OCR of scanned receipts (layout: DIR/SOURCE.md)
// through the image indexer as the daemon runs it — per receipt and in total, the character error
// rate against the ground-truth lines, word recall, and seconds per receipt.
import { readFileSync, readdirSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { inReadingOrder, scoreOcr, type TextBox } from "../src/eval/ocr-metrics.js";
import { createExtractor } from "../src/indexers/extractor.js";
import { SCALE } from "../src/tables/fixed-point.js";
import { machineDateOrder, receiptFields } from "../src/tables/receipt-fields.js";

interface Key {
  company?: string;
  date?: string;
  total?: string;
}

/** A merchant name counts as read when at most a fifth of its characters are wrong. */
const MERCHANT_MAX_CER = 0.2;

const pct = (x: number) => `${Math.round(x * 100)} %`;
const mark = (ok: boolean | null) => (ok === null ? "–" : ok ? "✓" : "✗");

/** The boxes of a box/NNN.csv, in its order: `x1,y1,x2,y2,x3,y3,x4,y4,TEXT` per line. */
function boxesOf(csv: string): TextBox[] {
  return csv
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const fields = line.split(",");
      const [xs, ys] = [0, 1].map((o) => [0, 2, 4, 6].map((i) => Number(fields[i + o])));
      return {
        left: Math.min(...xs!),
        top: Math.min(...ys!),
        bottom: Math.max(...ys!),
        text: fields.slice(8).join(","),
      };
    });
}

/** Numeric dates a receipt leaves ambiguous are read in the machine's locale (LC_ALL sets it). */
export async function runOcrEval(dataset: string, json: boolean): Promise<void> {
  const order = machineDateOrder();
  const images = readdirSync(join(dataset, "img"))
    .filter((f) => /\.(jpe?g|png)$/i.test(f))
    .sort();
  const extractor = createExtractor(
    { timeoutMs: 120_000, memoryMb: 1024, workers: 1 },
    { enabled: true, languages: ["eng"] },
  );
  const rows: {
    receipt: string;
    cer: number;
    wordRecall: number;
    seconds: number;
    /** null: the key gives no such field (SROIE's key 033 has no total); not counted either way. */
    date: boolean | null;
    total: boolean | null;
    merchant: boolean | null;
  }[] = [];
  let distance = 0;
  let length = 0;
  /** The same against the boxes in reading order (see inReadingOrder): what is the order alone. */
  let readingDistance = 0;
  try {
    for (const image of images) {
      const id = image.replace(/\.[^.]+$/, "");
      const path = join(dataset, "img", image);
      const boxes = boxesOf(readFileSync(join(dataset, "box", `${id}.csv`), "utf8"));
      const truth = boxes.map((b) => b.text).join("\n");
      const started = performance.now();
      const doc = await extractor
        .extract({ path, bytes: readFileSync(path), mtimeMs: 0 })
        .catch(() => null);
      const text = doc?.segments.map((s) => s.text).join("\n") ?? "";
      const seconds = (performance.now() - started) / 1000;
      const score = scoreOcr(truth, text);
      distance += score.distance;
      length += score.truthLength;
      readingDistance += scoreOcr(inReadingOrder(boxes), text).distance;
      const key = JSON.parse(readFileSync(join(dataset, "key", `${id}.json`), "utf8")) as Key;
      // What is scored is the transaction the receipt became (none: every field is wrong).
      const made = doc?.tables?.[0]?.transactions[0] ?? null;
      const fields = {
        date: made?.date ?? null,
        totalMinor: made ? Math.round((-made.amount * 100) / SCALE) : null,
        merchant: made?.description ?? null,
      };
      const truthDate = key.date ? receiptFields([key.date], order).date : null;
      const truthTotal = key.total
        ? Math.round(Number(key.total.replace(/[^\d.]/g, "")) * 100)
        : null;
      const row = {
        receipt: id,
        cer: score.cer,
        wordRecall: score.wordRecall,
        seconds,
        date: truthDate === null ? null : fields.date === truthDate,
        total: truthTotal === null ? null : fields.totalMinor === truthTotal,
        merchant: !key.company
          ? null
          : fields.merchant !== null &&
            scoreOcr(key.company, fields.merchant).cer <= MERCHANT_MAX_CER,
      };
      rows.push(row);
      if (!json)
        console.log(
          `${id}  CER ${score.cer.toFixed(3)}  word recall ${score.wordRecall.toFixed(3)}  ${seconds.toFixed(2)} s  date ${mark(row.date)} total ${mark(row.total)} merchant ${mark(row.merchant)}`,
        );
    }
  } finally {
    await extractor.close();
  }
  const mean = (k: "cer" | "wordRecall" | "seconds") =>
    rows.reduce((a, r) => a + r[k], 0) / Math.max(1, rows.length);
  const share = (k: "date" | "total" | "merchant") =>
    rows.filter((r) => r[k]).length / Math.max(1, rows.filter((r) => r[k] !== null).length);
  const total = {
    receipts: rows.length,
    cer: distance / Math.max(1, length),
    cerInReadingOrder: readingDistance / Math.max(1, length),
    meanCer: mean("cer"),
    wordRecall: mean("wordRecall"),
    secondsPerReceipt: mean("seconds"),
    dateCorrect: share("date"),
    totalCorrect: share("total"),
    merchantCorrect: share("merchant"),
    totalsInKey: rows.filter((r) => r.total !== null).length,
    dateOrder: order,
    machine: `${cpus()[0]?.model ?? "?"} × ${cpus().length}`,
  };
  if (json) console.log(JSON.stringify({ rows, total }, null, 2));
  else
    console.log(
      `total: ${total.receipts} receipts, CER ${total.cer.toFixed(3)} (mean per receipt ${total.meanCer.toFixed(3)}; ${total.cerInReadingOrder.toFixed(3)} against the boxes in reading order), word recall ${total.wordRecall.toFixed(3)}, ${total.secondsPerReceipt.toFixed(2)} s per receipt; date ${pct(total.dateCorrect)} (day/month order ${order} where the receipt does not tell), total ${pct(total.totalCorrect)} (of ${total.totalsInKey} with a total in the key), merchant ${pct(total.merchantCorrect)} correct (${total.machine})`,
    );
}
