// Text in an image, recognised locally by tesseract.js (WebAssembly) with language data from npm
// packages (@tesseract.js-data/LANG) — never fetched at run time. One recogniser per thread and
// language set, made on first use: starting one costs a few hundred milliseconds.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createWorker, PSM, type Worker } from "tesseract.js";
import { HearthError } from "../errors.js";

/** Where a line lies in the image read, in its pixels. */
export interface LineBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Recognised {
  /** The recognised lines, top to bottom. */
  lines: string[];
  /** How sure each line is, 0–100: the mean of tesseract's confidences in the words kept. */
  lineConfidences: number[];
  /** The mean of the lines' confidences, 0–100 (as each chunk's is: see chunker.ts). */
  confidence: number;
  /** Each line's box. */
  boxes: LineBox[];
}

const require = createRequire(import.meta.url);

/** The folder holding LANG.traineddata.gz, from its npm package, or a refusal naming the package. */
export function languageDataDir(language: string): string {
  const pkg = `@tesseract.js-data/${language}`;
  try {
    // The "best_int" models: CER 0.212 on the 60 receipts against 0.234 for the fast ones.
    return join(dirname(require.resolve(`${pkg}/package.json`)), "4.0.0_best_int");
  } catch {
    throw new HearthError(
      "CONFIG_INVALID",
      `config key "ocr.languages" names "${language}", but its language data is not installed`,
      `npm install ${pkg} (in Hearth's folder), or remove "${language}" from ocr.languages`,
    );
  }
}

const workers = new Map<string, Promise<Worker>>();

function recogniser(languages: readonly string[]): Promise<Worker> {
  const key = languages.join("+");
  let worker = workers.get(key);
  if (!worker) {
    // Every language's data must come from the same folder: tesseract.js takes one langPath.
    const dirs = new Set(languages.map(languageDataDir));
    if (dirs.size > 1) {
      throw new HearthError(
        "CONFIG_INVALID",
        `the language data for ${languages.join(", ")} lies in ${dirs.size} folders`,
        "install the @tesseract.js-data packages side by side (one node_modules)",
      );
    }
    worker = createWorker([...languages], 1, {
      langPath: [...dirs][0]!,
      cacheMethod: "none",
      gzip: true,
      errorHandler: () => undefined,
    }).then(async (created) => {
      // One block of text (6) read receipts best: CER 0.212, against 0.233 by columns (4) and 0.267
      // as sparse text (11).
      await created.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_BLOCK });
      return created;
    });
    workers.set(key, worker);
    worker.catch(() => workers.delete(key));
  }
  return worker;
}

/**
 * A word tesseract doubts (under 40 of 100) with fewer than three letters or digits is nearly
 * always a speck, a border or the edge of a logo read as text ("|", "Ee", "©"), not print. On the
 * 60 scanned receipts, leaving such words out took CER from 0.212 to 0.202 and cost no receipt
 * field; leaving out every doubted word, or whole doubted lines, loses real text (0.22–0.27).
 */
const SPECK_CONFIDENCE = 40;
const SPECK_CHARACTERS = 3;

interface Word {
  text: string;
  confidence: number;
}

/** A line's words that are print, not specks. */
function printed(words: readonly Word[]): Word[] {
  return words.filter(
    ({ text, confidence }) =>
      text.trim() !== "" &&
      (confidence >= SPECK_CONFIDENCE ||
        (text.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= SPECK_CHARACTERS),
  );
}

/** Words joined by single spaces. */
function joined(words: readonly Word[]): string {
  return words.map(({ text }) => text.trim()).join(" ");
}

/** A line's words, specks left out, joined by single spaces. */
export function withoutSpecks(words: readonly Word[]): string {
  return joined(printed(words));
}

/** The mean of confidences (0 for none). */
export function meanOf(confidences: readonly number[]): number {
  return confidences.reduce((a, c) => a + c, 0) / Math.max(1, confidences.length);
}

export async function recognise(
  image: Uint8Array,
  languages: readonly string[],
): Promise<Recognised> {
  const worker = await recogniser(languages);
  const { data } = await worker.recognize(Buffer.from(image), {}, { blocks: true });
  const lines = (data.blocks ?? [])
    .flatMap((block) => block.paragraphs.flatMap((paragraph) => paragraph.lines))
    .map((line) => {
      const words = printed(line.words);
      return {
        text: joined(words),
        // How sure the text kept is: tesseract's own line confidence counts the specks left out.
        confidence: meanOf(words.map((w) => w.confidence)),
        box: line.bbox,
      };
    })
    .filter((line) => line.text !== "");
  const lineConfidences = lines.map((l) => Math.round(l.confidence));
  return {
    lines: lines.map((l) => l.text),
    lineConfidences,
    confidence: meanOf(lineConfidences),
    boxes: lines.map(({ box: { x0, y0, x1, y1 } }) => ({ x0, y0, x1, y1 })),
  };
}
