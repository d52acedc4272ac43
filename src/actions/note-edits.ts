// The edits agents may make to a markdown note, as pure functions of its text: append at the end or
// under a named heading, and replace one exact, unique span. Each says the line where it changed.
import { HearthError } from "../errors.js";

export interface Edited {
  text: string;
  /** The first line (1-based) of the new or changed text. */
  line: number;
}

interface Heading {
  /** 0-based index of the heading's line. */
  index: number;
  level: number;
  title: string;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The ATX headings of a markdown text, outside fenced code. */
function headingsOf(lines: readonly string[]): Heading[] {
  const out: Heading[] = [];
  let fence: string | null = null;
  lines.forEach((line, index) => {
    const opens = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (opens && opens[0] === fence[0] && opens.length >= fence.length) fence = null;
      return;
    }
    if (opens) {
      fence = opens;
      return;
    }
    const m = ATX.exec(line);
    if (m) out.push({ index, level: m[1]!.length, title: (m[2] ?? "").trim() });
  });
  return out;
}

const sameTitle = (a: string, b: string) =>
  a.replace(/\s+/g, " ").trim().toLowerCase() === b.replace(/\s+/g, " ").trim().toLowerCase();

/** "## To do" or "To do": the title, and the level when one was given. */
function parseHeading(heading: string): { title: string; level: number | null } {
  const m = /^(#{1,6})\s+(.*)$/.exec(heading.trim());
  return m ? { title: m[2]!.trim(), level: m[1]!.length } : { title: heading.trim(), level: null };
}

/** Lines with the trailing empty string a final "\n" leaves dropped. */
function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

function joinLines(lines: readonly string[]): string {
  return lines.length === 0 ? "" : lines.join("\n") + "\n";
}

/**
 * `addition` after the last line of the note, or at the end of the section under `heading` (before
 * the next heading of the same or a higher level). A heading the note lacks is added at the end.
 */
export function appendToNote(text: string, addition: string, heading?: string): Edited {
  const lines = splitLines(text);
  const added = splitLines(addition.replace(/\n+$/, "") + "\n");
  if (heading === undefined) {
    return { text: joinLines([...lines, ...added]), line: lines.length + 1 };
  }
  const wanted = parseHeading(heading);
  const headings = headingsOf(lines);
  const matches = headings.filter(
    (h) => sameTitle(h.title, wanted.title) && (wanted.level === null || h.level === wanted.level),
  );
  if (matches.length > 1) {
    throw new HearthError(
      "HEADING_AMBIGUOUS",
      `the note has ${matches.length} headings "${wanted.title}" (lines ${matches.map((h) => h.index + 1).join(", ")})`,
      "send the heading with its #s to tell them apart, or edit_note to change one place",
    );
  }
  const target = matches[0];
  if (!target) {
    const title = `${"#".repeat(wanted.level ?? 2)} ${wanted.title}`;
    const gap = lines.length > 0 && lines.at(-1)!.trim() !== "" ? [""] : [];
    const head = [...lines, ...gap, title, ""];
    return { text: joinLines([...head, ...added]), line: head.length + 1 };
  }
  const next = headings.find((h) => h.index > target.index && h.level <= target.level);
  let end = next ? next.index : lines.length;
  // After the section's last non-blank line; the blank lines before the next heading stay after it.
  while (end > target.index + 1 && lines[end - 1]!.trim() === "") end--;
  const gap = end === target.index + 1 ? [""] : [];
  const before = [...lines.slice(0, end), ...gap];
  return {
    text: joinLines([...before, ...added, ...lines.slice(end)]),
    line: before.length + 1,
  };
}

/** Every start of `span` in `text`, overlapping ones included. */
function occurrences(text: string, span: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(span); i !== -1; i = text.indexOf(span, i + 1)) at.push(i);
  return at;
}

/** `text` with the one occurrence of `span` replaced; none or several is a refusal. */
export function replaceSpan(text: string, span: string, replacement: string): Edited {
  if (span === replacement) {
    throw new HearthError(
      "EDIT_NO_CHANGE",
      "the replacement is the same as the text it replaces",
      "send the new text as `new_text`",
    );
  }
  const found = occurrences(text, span);
  if (found.length === 0) {
    throw new HearthError(
      "SPAN_NOT_FOUND",
      "the text to replace does not occur in the note",
      "send `old_text` exactly as the note has it (read it again: the line numbers and tab `read` puts before each line are not part of it)",
    );
  }
  if (found.length > 1) {
    const lines = found.map((i) => text.slice(0, i).split("\n").length);
    throw new HearthError(
      "SPAN_NOT_UNIQUE",
      `the text to replace occurs ${found.length} times (lines ${lines.join(", ")})`,
      "send a longer `old_text` that takes in surrounding text, so it occurs once",
    );
  }
  const at = found[0]!;
  return {
    text: text.slice(0, at) + replacement + text.slice(at + span.length),
    line: text.slice(0, at).split("\n").length,
  };
}
