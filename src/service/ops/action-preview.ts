// What the user is shown before an action: the lines that go and come, numbered, with a little
// context — enough to judge the change, cut short when it is long.

/** What a preview shows of a planned action. */
export interface PreviewOf {
  tool: string;
  path: string;
  toPath: string | null;
  before: Buffer | null;
  after: Buffer | null;
}

const CONTEXT = 2;
const MAX_LINES = 60;
const MAX_LINE_CHARS = 300;

/** A long line cut to the part around `at` (where it changes), so the change itself is shown. */
function clip(line: string, at = 0): string {
  if (line.length <= MAX_LINE_CHARS) return line;
  const from = Math.max(0, Math.min(at - 100, line.length - MAX_LINE_CHARS));
  return (
    (from > 0 ? "… " : "") +
    line.slice(from, from + MAX_LINE_CHARS) +
    (from + MAX_LINE_CHARS < line.length ? " …" : "")
  );
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function linesOf(bytes: Buffer | null): string[] {
  if (!bytes) return [];
  const lines = bytes
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** The changed block between two versions: common lines at both ends are context, not change. */
function changedBlock(before: string[], after: string[]): string[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  const out: string[] = [];
  const from = Math.max(0, start - CONTEXT);
  for (let i = from; i < start; i++) out.push(`  ${i + 1}\t${clip(before[i]!)}`);
  const at = (i: number) => firstDifference(before[i] ?? "", after[i] ?? "");
  for (let i = start; i < endB; i++) out.push(`- ${i + 1}\t${clip(before[i]!, at(i))}`);
  for (let i = start; i < endA; i++) out.push(`+ ${i + 1}\t${clip(after[i]!, at(i))}`);
  for (let i = endA; i < Math.min(after.length, endA + CONTEXT); i++)
    out.push(`  ${i + 1}\t${clip(after[i]!)}`);
  return out;
}

export function planPreview(plan: PreviewOf): string {
  if (plan.tool === "move_file") return `from ${plan.path}\n  to ${plan.toPath}`;
  const lines = changedBlock(linesOf(plan.before), linesOf(plan.after));
  if (lines.length <= MAX_LINES) return lines.join("\n");
  return [
    ...lines.slice(0, MAX_LINES),
    `… and ${lines.length - MAX_LINES} more changed line(s)`,
  ].join("\n");
}
