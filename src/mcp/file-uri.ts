// Indexed files as resource URIs, both ways: hearth://file/ABSOLUTE/PATH, each path segment
// percent-encoded, so names with spaces, #, ?, % or any Unicode survive the round trip.

const PREFIX = "hearth://file";

export const FILE_URI_TEMPLATE = `${PREFIX}{+path}`;

export function fileUri(path: string): string {
  return PREFIX + path.split("/").map(encodeURIComponent).join("/");
}

/** The path a hearth://file URI names, or null when it is not one Hearth gives. */
export function pathOfUri(uri: string): string | null {
  if (!uri.startsWith(PREFIX + "/")) return null;
  try {
    const path = uri.slice(PREFIX.length).split("/").map(decodeURIComponent).join("/");
    return path.includes("\0") ? null : path;
  } catch {
    return null; // a malformed %-escape
  }
}
