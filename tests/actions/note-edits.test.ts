// Tests: the note edits as pure functions of the text, and the bytes they are written back as.
import { readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appendToNote, replaceSpan } from "../../src/actions/note-edits.js";
import { decodeNote, encodeNote } from "../../src/actions/note-text.js";
import { createFile, moveFile, replaceFile } from "../../src/actions/write-file.js";
import { tempDir } from "../helpers.js";

const NOTE = "# Week\n\n## Log\n- mon\n\n### Detail\nmore\n\n## Later\n- x\n";

describe("note edits", () => {
  it("appends at the end of a section, subsections included, before the next heading", () => {
    const edited = appendToNote(NOTE, "- tue", "## Log");
    expect(edited.text).toBe(
      "# Week\n\n## Log\n- mon\n\n### Detail\nmore\n- tue\n\n## Later\n- x\n",
    );
    expect(edited.line).toBe(8);
    expect(appendToNote(NOTE, "- y\n\n", "later").text).toBe(NOTE + "- y\n");
  });

  it("adds a heading the note lacks at its end, and appends to a note without a final newline", () => {
    expect(appendToNote("# A\ntext", "- item", "To do").text).toBe(
      "# A\ntext\n\n## To do\n\n- item\n",
    );
    expect(appendToNote("# A\ntext", "more").text).toBe("# A\ntext\nmore\n");
    expect(appendToNote("", "first").text).toBe("first\n");
  });

  it("ignores headings inside fenced code, and refuses an ambiguous heading", () => {
    const fenced = "# A\n```\n## Log\n```\n## Log\nreal\n";
    expect(appendToNote(fenced, "- new", "Log").text).toBe(fenced + "- new\n");
    expect(() => appendToNote("## Log\n## Log\n", "x", "Log")).toThrow(
      /2 headings "Log" \(lines 1, 2\)/,
    );
  });

  it("replaces one exact span, and refuses none, several, and no change", () => {
    expect(replaceSpan("a b c", "b", "B")).toEqual({ text: "a B c", line: 1 });
    expect(() => replaceSpan("aaa", "aa", "b")).toThrow(/occurs 2 times/);
    expect(() => replaceSpan("abc", "z", "y")).toThrow(/does not occur/);
    expect(() => replaceSpan("abc", "b", "b")).toThrow(/same as the text/);
  });

  it("keeps a byte-order mark and CRLF line ends, and refuses text that is not UTF-8", () => {
    const bytes = Buffer.from("\uFEFF# A\r\nline\r\n", "utf8");
    const note = decodeNote(bytes, "a.md");
    expect(note).toEqual({ text: "# A\nline\n", bom: true, eol: "\r\n" });
    const out = encodeNote({ ...note, text: appendToNote(note.text, "new").text });
    expect(out.equals(Buffer.from("\uFEFF# A\r\nline\r\nnew\r\n", "utf8"))).toBe(true);
    expect(() => decodeNote(Buffer.from([0x23, 0xff, 0xfe]), "b.md")).toThrow(/not UTF-8/);
  });
});

describe("atomic writes", () => {
  it("create refuses an existing file or link; move refuses an existing destination; no temp is left", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.md"), "A");
    symlinkSync(join(dir, "nowhere"), join(dir, "link.md"));
    await expect(createFile(join(dir, "a.md"), Buffer.from("B"))).rejects.toThrow(/already exists/);
    await expect(createFile(join(dir, "link.md"), Buffer.from("B"))).rejects.toThrow(
      /already exists/,
    );
    await createFile(join(dir, "sub/new.md"), Buffer.from("N"));
    await expect(moveFile(join(dir, "a.md"), join(dir, "sub/new.md"))).rejects.toThrow(/exists/);
    await replaceFile(join(dir, "a.md"), Buffer.from("A2"));
    await moveFile(join(dir, "a.md"), join(dir, "b.md"));
    expect(readFileSync(join(dir, "b.md"), "utf8")).toBe("A2");
    expect(readFileSync(join(dir, "sub/new.md"), "utf8")).toBe("N");
    expect(readdirSync(dir).sort()).toEqual(["b.md", "link.md", "sub"]);
    expect(readdirSync(join(dir, "sub"))).toEqual(["new.md"]);
  });
});
