// Tests: images read by OCR in the extraction workers — text found and cited, confidence kept; a
// decompression bomb refused by its header, a truncated JPEG and a blank image recorded with the
// reason; OCR off and missing language data named, and what it left unread read once it is on;
// and an image found by search end to end.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createExtractor } from "../../src/indexers/extractor.js";
import { OCR_OFF, OcrLater } from "../../src/indexers/indexer.js";
import { languageDataDir, withoutSpecks } from "../../src/ocr/recognize.js";
import { runMain } from "../cli/run-main.js";
import { serviceOver } from "../../src/host/open-service.js";
import { CLI_CALLER } from "../../src/service/caller.js";
import { makeHome, openTestHearth, rawDb, tempDir, writeTree } from "../helpers.js";
import { blankImage, heicImage, mixedPdf, pngHeader, scannedPdf, textImage } from "./images.js";

const LIMITS = { timeoutMs: 60_000, memoryMb: 512, workers: 1 };
const extractor = createExtractor(LIMITS, { enabled: true, languages: ["eng"] });
afterAll(() => extractor.close());

const extract = (name: string, bytes: Uint8Array) =>
  extractor.extract({ path: join("/scans", name), bytes, mtimeMs: 0 });

describe("OCR of images", () => {
  it("recognises the lines of a PNG and a JPEG, with the mean confidence", async () => {
    for (const format of ["png", "jpeg"] as const) {
      const image = await textImage(["HARBOUR BAKERY", "TOTAL 12.50"], format);
      const doc = await extract(`receipt.${format === "png" ? "png" : "jpg"}`, image);
      expect(doc.kind).toBe("image");
      expect(doc.segments).toHaveLength(1);
      expect(doc.segments[0]).toMatchObject({ startLine: 1 });
      expect(doc.segments[0]!.text).toMatch(/HARBOUR BAKERY\nTOTAL 12[.,]50/);
      expect(doc.ocr!.confidence).toBeGreaterThan(60);
    }
  });

  it("leaves out the specks OCR reads as short doubtful words, and keeps the print", async () => {
    const image = await textImage(["HARBOUR BAKERY", "BREAD 3.20", "TOTAL 12.50"], "png", {
      specks: true,
    });
    const lines = (await extract("dirty.png", image)).segments[0]!.text.split("\n");
    // Unfiltered, tesseract reads a speck before each line: "Co HARBOUR BAKERY" (confidence 4),
    // "Te BREAD 3.20" (28), "~*. TOTAL 12.50" (0).
    expect(lines).toEqual(["HARBOUR BAKERY", "BREAD 3.20", "TOTAL 12.50"]);
  });

  it("drops a doubtful word only when it is too short to be print", () => {
    const words = (...pairs: [string, number][]) =>
      pairs.map(([text, confidence]) => ({ text, confidence }));
    expect(withoutSpecks(words(["|", 8], ["SUBTOTAL", 83], ["10.00", 92]))).toBe("SUBTOTAL 10.00");
    expect(withoutSpecks(words(["Ee", 39], ["©", 12], ["x", 40]))).toBe("x");
    // A doubted word of three letters or digits may be print read badly: it stays.
    expect(withoutSpecks(words(["SELATAN,", 0], ["1.50", 10], ["RM", 41]))).toBe(
      "SELATAN, 1.50 RM",
    );
    expect(withoutSpecks(words(["fs", 18], ["He", 17]))).toBe("");
  });

  it("reads a phone's HEIC photo, receipt and all, and names what is wrong with a broken one", async () => {
    const heic = await heicImage(["CORNER CAFE", "DATE 2026-03-14", "TOTAL EUR 7.40", "CARD"]);
    const doc = await extract("IMG_0042.HEIC", heic);
    expect(doc.segments[0]!.text).toMatch(/CORNER CAFE\nDATE 2026-03-14\nTOTAL EUR 7.40/);
    expect(doc.tables![0]!.transactions[0]).toMatchObject({ date: "2026-03-14", currency: "EUR" });
    await expect(extract("cut.heic", heic.subarray(0, heic.length / 2))).rejects.toThrow(
      /could not be decoded/,
    );
  });

  it("refuses a decompression bomb by its pixel count, before decoding", async () => {
    await expect(extract("bomb.png", pngHeader(30_000, 30_000))).rejects.toThrow(
      /30000 × 30000 pixels, over the 50-megapixel limit: refused before decoding/,
    );
  });

  it("records a truncated JPEG and an image without text with the reason", async () => {
    const jpeg = await textImage(["SOME TEXT"], "jpeg");
    await expect(extract("cut.jpg", jpeg.subarray(0, Math.floor(jpeg.length / 3)))).rejects.toThrow(
      /could not be decoded|not a readable image/,
    );
    await expect(extract("blank.png", await blankImage())).rejects.toThrow(/no text recognised/);
  });

  it("says when OCR is off, and names the package a missing language needs", async () => {
    const off = createExtractor(LIMITS, { enabled: false, languages: ["eng"] });
    await expect(
      off.extract({ path: "/scans/a.png", bytes: await textImage(["X"]), mtimeMs: 0 }),
    ).rejects.toThrow(/images are read by OCR; not indexed: OCR is off \(ocr\.enabled\)$/);
    // A scan's reason ends the same way: what OCR, once on, reads again (see the test below).
    await expect(
      off.extract({ path: "/scans/s.pdf", bytes: await scannedPdf([["X"]]), mtimeMs: 0 }),
    ).rejects.toThrow(
      /^no text layer — scanned image \(1 page\); not indexed: OCR is off \(ocr\.enabled\)$/,
    );
    await off.close();
    expect(() => languageDataDir("xyz")).toThrow(/npm install @tesseract\.js-data\/xyz/);
  });

  it("reads a scanned PDF page by page, and says so when its pages hold no text", async () => {
    const pdf = await scannedPdf([["TAX OFFICE", "NOTICE 2026"], ["PAGE TWO REFUND"]]);
    const doc = await extract("letter.pdf", pdf);
    expect(doc.segments.map((s) => ("page" in s ? s.page : 0))).toEqual([1, 2]);
    expect(doc.segments[0]!.text).toMatch(/TAX OFFICE\nNOTICE 2026/);
    expect(doc.segments[1]!.text).toMatch(/PAGE TWO REFUND/);
    expect(doc.ocr!.confidence).toBeGreaterThan(60);
    const { PDFDocument } = await import("pdf-lib");
    const blank = await PDFDocument.create();
    blank.addPage([300, 300]);
    await expect(extract("blank.pdf", await blank.save())).rejects.toThrow(
      /no text layer, and OCR recognised no text on its 1 page/,
    );
  });

  it("leaves a PDF that needs OCR for the slow lane when asked to read it in the fast one", async () => {
    const later = (name: string, bytes: Uint8Array) =>
      extractor.extract({ path: join("/scans", name), bytes, mtimeMs: 0, ocrLater: true });
    const scan = await scannedPdf([["TAX OFFICE"]]);
    await expect(later("scan.pdf", scan)).rejects.toBeInstanceOf(OcrLater);
    await expect(later("scan.pdf", scan)).rejects.toThrow(
      /no text layer \(1 page\): read by OCR later/,
    );
    const { PDFDocument, StandardFonts } = await import("pdf-lib");
    const mixed = await PDFDocument.load(scan);
    const font = await mixed.embedFont(StandardFonts.Helvetica);
    mixed
      .insertPage(0, [300, 300])
      .drawText("Typed cover letter", { x: 20, y: 250, size: 14, font });
    await expect(later("mixed.pdf", await mixed.save())).rejects.toBeInstanceOf(OcrLater);
    const typed = await PDFDocument.create();
    typed.addPage([300, 300]).drawText("Typed only", {
      x: 20,
      y: 250,
      size: 14,
      font: await typed.embedFont(StandardFonts.Helvetica),
    });
    expect((await later("typed.pdf", await typed.save())).segments[0]!.text).toMatch(/Typed only/);
  });

  it("reads the scanned pages of a PDF whose other pages have text", async () => {
    const doc = await extract("mixed.pdf", await mixedPdf());
    expect(doc.segments.map((s) => ("page" in s ? s.page : 0))).toEqual([1, 2]);
    expect(doc.segments[0]!.text).toMatch(/Typed cover letter/);
    expect(doc.segments[1]!.text).toMatch(/SCANNED RECEIPT PAGE/);
  });

  it("reads the images left unread while OCR was off once it is on again", async () => {
    const root = tempDir();
    writeTree(root, {
      "scans/bakery.png": await textImage(["HARBOUR BAKERY"]),
      "scans/mixed.pdf": Buffer.from(await mixedPdf()),
      "notes/plain.md": "# Plain\n\nNo scans here.\n",
    });
    const { env, home } = makeHome({
      config: { roots: [root], ocr: { enabled: false, languages: ["eng"] } },
    });
    expect((await runMain(["index", root], env)).code).toBe(0);
    const status = (path: string) =>
      rawDb(join(home, "index.sqlite"))
        .prepare("SELECT status, error FROM files WHERE path = ?")
        .get(join(root, path)) as { status: string; error: string | null };
    expect(status("scans/bakery.png").status).toBe("failed");
    expect(status("scans/bakery.png").error).toMatch(/not indexed: OCR is off/);
    // Its typed page is indexed; its scanned page is recorded as left unread, and doctor says so.
    expect(status("scans/mixed.pdf")).toEqual({
      status: "indexed",
      error: "1 page without a text layer; not indexed: OCR is off (ocr.enabled)",
    });
    const doctor = await runMain(["doctor", join(root, "scans/mixed.pdf")], env);
    expect(doctor.stdout).toMatch(/left unread: 1 page without a text layer/);
    const statusOut = await runMain(["status"], env);
    expect(statusOut.stdout).toContain(
      `in part    ${join(root, "scans/mixed.pdf")}: 1 page without a text layer; not indexed`,
    );
    const text = () =>
      (
        rawDb(join(home, "index.sqlite"))
          .prepare(
            "SELECT group_concat(text, ' ') AS t FROM chunks c JOIN files f ON f.id = c.file_id WHERE f.path = ?",
          )
          .get(join(root, "scans/mixed.pdf")) as { t: string }
      ).t;
    expect(text()).toMatch(/Typed cover letter/);
    expect(text()).not.toMatch(/SCANNED RECEIPT PAGE/);
    // A search over that folder says that not all of it was read.
    const search = await runMain(["search", "cover letter", "--json"], env);
    const answer = JSON.parse(search.stdout) as { unsearched: Record<string, unknown> };
    expect(answer.unsearched).toMatchObject({ failed: 1, partial: 1 });
    expect(answer.unsearched.hint).toMatch(/1 failed to index and 1 read in part/);
    // Marked to be read again, it stays searchable meanwhile, with its own date.
    const marked = await openTestHearth(env, { loadModel: false });
    const before = marked.store.getFile(join(root, "scans/mixed.pdf"))!.mtimeMs;
    expect(marked.store.rereadUnread(OCR_OFF)).toBe(2);
    expect(marked.store.getFile(join(root, "scans/mixed.pdf"))!.mtimeMs).toBe(before);
    const found = await marked.searcher.search({
      query: "cover letter",
      mode: "keyword",
      limit: 5,
      filters: { after: before - 1000 },
      chunksPerFile: 1,
    });
    expect(found.results.map((r) => r.path)).toEqual([join(root, "scans/mixed.pdf")]);
    await marked.close();
    writeFileSync(
      join(home, "config.json"),
      JSON.stringify({ roots: [root], web: { enabled: false } }),
    );
    expect((await runMain(["index", root], env)).code).toBe(0);
    expect(status("scans/bakery.png")).toMatchObject({ status: "indexed", error: null });
    expect(status("scans/mixed.pdf")).toMatchObject({ status: "indexed", error: null });
    expect(text()).toMatch(/SCANNED RECEIPT PAGE/);
  });

  it("gives each chunk its own confidence: a scan's page in fine print is read less surely", async () => {
    const root = tempDir();
    writeTree(root, {
      "letter.pdf": Buffer.from(
        await scannedPdf(
          [
            ["TAX OFFICE", "REFUND NOTICE"],
            ["PAGE TWO REFUND", "KEEP THIS"],
          ],
          [40, 9],
        ),
      ),
    });
    const { env, home } = makeHome({ config: { roots: [root] } });
    expect((await runMain(["index", root], env)).code).toBe(0);
    const chunks = rawDb(join(home, "index.sqlite"))
      .prepare("SELECT page, ocr_confidence AS confidence FROM chunks ORDER BY page")
      .all() as { page: number; confidence: number }[];
    expect(chunks.map((c) => c.page)).toEqual([1, 2]);
    expect(chunks[0]!.confidence).toBeGreaterThan(85);
    expect(chunks[1]!.confidence).toBeLessThan(70);
    const found = await runMain(["search", "refund notice", "--json"], env);
    const hit = (
      JSON.parse(found.stdout) as {
        results: { location: { page?: number }; ocr?: { confidence: number } }[];
      }
    ).results[0]!;
    // The hit on page 1 reports page 1's confidence, not the file's mean over both pages.
    expect(hit).toMatchObject({
      location: { page: 1 },
      ocr: { confidence: chunks[0]!.confidence },
    });
  });

  it("indexes an image so search finds it, and search and read say the text came from OCR", async () => {
    const root = tempDir();
    writeTree(root, { "scans/bakery.png": await textImage(["HARBOUR BAKERY", "SOURDOUGH LOAF"]) });
    const { env } = makeHome({ config: { roots: [root] } });
    expect((await runMain(["index", root], env)).code).toBe(0);
    const found = await runMain(["search", "sourdough", "--json"], env);
    const hit = (
      JSON.parse(found.stdout) as { results: { path: string; ocr?: { confidence: number } }[] }
    ).results[0]!;
    expect(hit.path).toBe(join(root, "scans/bakery.png"));
    expect(hit.ocr!.confidence).toBeGreaterThan(60);
    const human = await runMain(["search", "sourdough"], env);
    expect(human.stdout).toMatch(/OCR \d+ % confident/);
    const service = await serviceOver(await openTestHearth(env, { loadModel: false }));
    const read = await service.read(CLI_CALLER, { path: join(root, "scans/bakery.png") });
    expect(read.text).toMatch(/^1\tHARBOUR BAKERY\n2\tSOURDOUGH LOAF/);
    expect(read.ocr!.confidence).toBe(hit.ocr!.confidence);
  });
});
