// Input pieces several operations share, with their limits stated in the schema.
import { z } from "zod";

/** Control characters, which would let stored or client text rewrite a terminal. */
// eslint-disable-next-line no-control-regex -- matching them is the point
export const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** The same, and tabs and newlines: for one-line values (a note's title, a tag). */
// eslint-disable-next-line no-control-regex -- matching them is the point
export const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f-\u009f]/;

export const pathField = z
  .string()
  .min(1, "must not be empty")
  .max(4096, "is longer than any path (4,096 characters)")
  .refine((p) => !p.includes("\0"), "must not contain a NUL character");

export const dateField = z
  .string()
  .max(40)
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(s) &&
      !Number.isNaN(Date.parse(s)),
    "must be an ISO date (2026-03-01) or date-time (2026-03-01T14:00:00Z)",
  );

export const kindsField = z
  .array(
    z
      .string()
      .min(1)
      .max(32)
      .regex(/^\.?[A-Za-z0-9+_-]+$/, "a kind is a file extension such as md or pdf"),
  )
  .max(50, "at most 50 kinds");
