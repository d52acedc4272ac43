// Email: .eml is one message, .mbox many; each message with from/to/date/subject in metadata and text, text attachments included.
import { extname } from "node:path";
import type { AddressObject } from "mailparser";
import { htmlToText } from "./html-to-text.js";
import {
  ExtractError,
  type ExtractInput,
  type ExtractedDoc,
  type Indexer,
  type TextSegment,
} from "./indexer.js";

const TEXT_ATTACHMENT = /^text\/|^application\/(json|xml|csv)/;
const MAX_ATTACHMENT_CHARS = 200_000;

function addresses(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return "";
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(", ");
}

/** Splits an mbox at its "From " separator lines, keeping each message's first line number. */
function splitMbox(text: string): { raw: string; line: number }[] {
  const lines = text.split("\n");
  const out: { raw: string; line: number }[] = [];
  let start = -1;
  lines.forEach((line, i) => {
    if (line.startsWith("From ")) {
      if (start >= 0) out.push({ raw: lines.slice(start + 1, i).join("\n"), line: start + 2 });
      start = i;
    }
  });
  if (start >= 0) out.push({ raw: lines.slice(start + 1).join("\n"), line: start + 2 });
  return out;
}

async function messageText(raw: string | Buffer): Promise<{ text: string; subject: string }> {
  const { simpleParser } = await import("mailparser"); // on first use, as for every heavy parser
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const body =
    mail.text?.trim() || (typeof mail.html === "string" ? htmlToText(mail.html).text : "");
  const header = [
    `Subject: ${mail.subject ?? ""}`,
    `From: ${addresses(mail.from)}`,
    `To: ${addresses(mail.to)}`,
    mail.cc ? `Cc: ${addresses(mail.cc)}` : "",
    `Date: ${mail.date?.toISOString() ?? ""}`,
  ].filter(Boolean);
  const attachments = mail.attachments
    .filter((a) => TEXT_ATTACHMENT.test(a.contentType))
    .map(
      (a) =>
        `Attachment ${a.filename ?? "(unnamed)"}:\n${a.content.toString("utf8").slice(0, MAX_ATTACHMENT_CHARS)}`,
    );
  return {
    text: [header.join("\n"), body, ...attachments].filter(Boolean).join("\n\n"),
    subject: mail.subject ?? "",
  };
}

export const emailIndexer: Indexer = {
  extensions: [".eml", ".mbox"],
  isolated: true,
  async extract({ path, bytes }: ExtractInput): Promise<ExtractedDoc> {
    if (bytes.length === 0) throw new ExtractError("empty file (0 bytes)");
    if (extname(path).toLowerCase() === ".eml") {
      const { text, subject } = await messageText(Buffer.from(bytes));
      return {
        kind: "eml",
        title: subject,
        structure: "plain",
        segments: [{ text, startLine: 1 }],
      };
    }
    const messages = splitMbox(Buffer.from(bytes).toString("utf8"));
    if (messages.length === 0)
      throw new ExtractError("no messages found (an mbox starts each message with a 'From ' line)");
    const segments: TextSegment[] = [];
    for (const m of messages)
      segments.push({ text: (await messageText(m.raw)).text, startLine: m.line });
    return { kind: "mbox", title: "", structure: "plain", segments };
  },
};
