// Visible text of an HTML document as markdown-ish lines: headings kept, tables as rows, scripts and navigation dropped.
import { parseDocument } from "htmlparser2";
import { isTag, isText, type ChildNode, type Element } from "domhandler";

const DROPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "nav",
  "header",
  "footer",
  "aside",
  "svg",
  "canvas",
  "iframe",
  "form",
  "button",
  "head",
]);
const BLOCKS = new Set([
  "p",
  "div",
  "section",
  "article",
  "main",
  "blockquote",
  "pre",
  "li",
  "dd",
  "dt",
  "figcaption",
  "address",
  "br",
  "hr",
  "body",
  "html",
]);

function isElement(node: ChildNode): node is Element {
  return isTag(node);
}

function inlineText(node: ChildNode): string {
  if (isText(node)) return node.data;
  if (!isElement(node) || DROPPED.has(node.name)) return "";
  if (node.name === "br") return "\n";
  return node.children.map(inlineText).join("");
}

function clean(text: string): string {
  return text
    .replace(/[ \t\r\f\v\u00a0]+/g, " ")
    .replace(/ *\n */g, "\n")
    .trim();
}

function findTitle(nodes: ChildNode[]): string {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (node.name === "title") return clean(inlineText(node));
    const inner = findTitle(node.children);
    if (inner) return inner;
  }
  return "";
}

export function htmlToText(html: string): { title: string; text: string } {
  const doc = parseDocument(html, { decodeEntities: true });
  const out: string[] = [];
  const title = findTitle(doc.children);
  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (isText(node)) {
        const t = clean(inlineText(node));
        if (t) out.push(t);
        continue;
      }
      if (!isElement(node)) continue;
      const name = node.name;
      if (DROPPED.has(name)) continue;
      const heading = /^h([1-6])$/.exec(name);
      if (heading) {
        const t = clean(inlineText(node)).replace(/\n/g, " ");
        if (t) out.push("", `${"#".repeat(Number(heading[1]))} ${t}`, "");
      } else if (name === "tr") {
        const cells = node.children.filter(
          (c): c is Element => isElement(c) && (c.name === "td" || c.name === "th"),
        );
        out.push(cells.map((c) => clean(inlineText(c)).replace(/\n/g, " ")).join(" | "));
      } else if (name === "table") {
        out.push("");
        walk(node.children);
        out.push("");
      } else if (name === "li") {
        const t = clean(inlineText(node));
        if (t) out.push(`- ${t.replace(/\n/g, " ")}`);
      } else if (
        BLOCKS.has(name) &&
        node.children.every(
          (c) =>
            isText(c) ||
            (isElement(c) &&
              !BLOCKS.has(c.name) &&
              !/^h[1-6]$/.test(c.name) &&
              c.name !== "table" &&
              c.name !== "ul" &&
              c.name !== "ol"),
        )
      ) {
        const t = clean(inlineText(node));
        if (t) out.push("", t, "");
      } else {
        walk(node.children);
      }
    }
  };
  walk(doc.children);
  const text = out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { title, text };
}
