// Typed errors: a stable code for programs, a message that says what went wrong and how to fix it.

export type HearthErrorCode =
  | "CONFIG_INVALID"
  | "CONFIG_UNREADABLE"
  | "INDEX_MODEL_MISMATCH"
  | "INDEX_CHUNKER_MISMATCH"
  | "INDEX_NEWER_SCHEMA"
  | "MODEL_MISSING"
  | "MODEL_LOAD_FAILED"
  | "ROOT_NOT_FOUND"
  | "ROOT_NOT_DIRECTORY"
  | "INDEX_MISSING"
  | "INDEX_KEY_MISSING"
  | "INDEX_KEY_WRONG"
  | "INDEX_NOT_ENCRYPTED"
  | "INDEX_ALREADY_ENCRYPTED"
  | "KEY_FILE_UNSAFE"
  | "KEYCHAIN_UNAVAILABLE"
  | "BAD_ARGUMENT"
  | "DAEMON_RUNNING"
  | "DAEMON_UNREACHABLE"
  | "DAEMON_NOT_ANSWERING"
  | "MODEL_DOWNLOAD_FAILED"
  | "MODEL_CHECKSUM_MISMATCH"
  | "CATEGORIES_INVALID"
  | "TABLE_NOT_FOUND"
  | "TABLE_QUERY_INVALID"
  | "PATH_INVALID"
  | "PATH_NOT_FOUND"
  | "PATH_OUTSIDE_ROOTS"
  | "PATH_NOT_VISIBLE"
  | "PROFILE_UNKNOWN"
  | "TOOL_NOT_ALLOWED"
  | "TOKEN_UNKNOWN"
  | "PATH_NOT_INDEXABLE"
  | "PATH_NOT_FILE"
  | "FILE_KIND_UNSUPPORTED"
  | "FILE_TOO_LARGE"
  | "FILE_CHANGED"
  | "CURSOR_INVALID"
  | "EXTRACT_FAILED"
  | "NOTE_REFUSED"
  | "NOTE_NOT_FOUND"
  | "NOTE_NOT_UTF8"
  | "NOTE_KIND_UNSUPPORTED"
  | "HEADING_AMBIGUOUS"
  | "EDIT_NO_CHANGE"
  | "SPAN_NOT_FOUND"
  | "SPAN_NOT_UNIQUE"
  | "PATH_NOT_WRITABLE"
  | "FILE_EXISTS"
  | "CHANGED_SINCE_READ"
  | "WRITE_DECLINED"
  | "WRITE_CANCELLED"
  | "CONFIRMATION_UNAVAILABLE"
  | "CONFIRMATION_SPENT"
  | "ACTION_NOT_FOUND"
  | "UNDO_REFUSED"
  | "WEB_UNAVAILABLE"
  | "CANCELLED";

export class HearthError extends Error {
  constructor(
    readonly code: HearthErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(hint ? `${message}\n  fix: ${hint}` : message);
    this.name = "HearthError";
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
