// How a hit's location reads, and the links that open it.
import type { Location } from "./types";

export function citation(location: Location): string {
  if ("page" in location) return `page ${location.page}`;
  if ("sheet" in location) return `${location.sheet} rows ${location.startRow}–${location.endRow}`;
  return location.startLine === location.endLine
    ? `line ${location.startLine}`
    : `lines ${location.startLine}–${location.endLine}`;
}

export function firstLine(location: Location): number {
  return "startLine" in location ? location.startLine : 1;
}

/** VS Code's (and Cursor's) link to a file at a line. */
export function editorLink(path: string, line: number): string {
  return `vscode://file${encodeURI(path)}:${line}`;
}
