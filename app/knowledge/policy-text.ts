// A shop policy's HTML (Shopify's ShopPolicy.body) as the plain text an article holds. The HTML is
// parsed, never rendered: only its text survives, so nothing the policy editor allowed (scripts,
// styles, links, images) can reach a page or a customer. Headings h1–h3 become "## " lines so that
// retrieval splits the policy into sections and cites the part that answers (split-sections.ts).
import { parse, type HTMLElement, type Node } from "node-html-parser";

/** Longer policies are cut at the last section that fits: this bounds indexing work, not meaning. */
export const MAX_POLICY_TEXT = 100_000;

const SKIPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "head",
  "iframe",
  "object",
  "embed",
  "svg",
  "canvas",
  "button",
  "select",
  "textarea",
  "input",
]);
const SECTION_HEADINGS = new Set(["h1", "h2", "h3"]);
const BLOCKS = new Set([
  "p",
  "div",
  "section",
  "article",
  "header",
  "footer",
  "main",
  "aside",
  "nav",
  "ul",
  "ol",
  "dl",
  "dt",
  "dd",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "blockquote",
  "address",
  "pre",
  "figure",
  "figcaption",
  "h4",
  "h5",
  "h6",
  "hr",
]);

/** Marks our own heading lines, so text that merely starts with "#" is not taken for one. */
const HEADING_MARK = "\u0000";
const ELEMENT = 1;
const TEXT = 3;

class TextBuilder {
  private out = "";

  text(raw: string) {
    const collapsed = raw.replaceAll(HEADING_MARK, "").replace(/\s+/g, " ");
    if (!collapsed.trim() && (this.out === "" || /[\s]$/.test(this.out))) return;
    this.out += this.out === "" || this.out.endsWith("\n") ? collapsed.replace(/^ /, "") : collapsed;
  }

  line() {
    if (this.out && !this.out.endsWith("\n")) this.out += "\n";
  }

  block() {
    this.line();
    if (this.out && !this.out.endsWith("\n\n")) this.out += "\n";
  }

  literal(line: string) {
    this.block();
    this.out += `${line}\n\n`;
  }

  result(): string {
    return this.out;
  }
}

function walk(node: Node, builder: TextBuilder) {
  if (node.nodeType === TEXT) {
    builder.text(node.text);
    return;
  }
  if (node.nodeType !== ELEMENT) return; // comments
  const element = node as HTMLElement;
  const tag = (element.rawTagName ?? "").toLowerCase();
  if (SKIPPED.has(tag)) return;
  if (SECTION_HEADINGS.has(tag)) {
    const heading = element.text.replaceAll(HEADING_MARK, "").replace(/\s+/g, " ").trim();
    if (heading) builder.literal(`${HEADING_MARK}## ${heading}`);
    return;
  }
  if (tag === "br") {
    builder.line();
    return;
  }
  if (tag === "li") {
    builder.line();
    builder.text("- ");
    for (const child of element.childNodes) walk(child, builder);
    builder.line();
    return;
  }
  const block = BLOCKS.has(tag);
  if (block) builder.block();
  for (const child of element.childNodes) {
    walk(child, builder);
    if (tag === "tr" && (child as HTMLElement).rawTagName?.match(/^t[dh]$/i)) builder.text(" ");
  }
  if (block) builder.block();
}

/** Keeps whole sections: cut before the last "## " heading that still fits. */
function cutToLimit(text: string): string {
  if (text.length <= MAX_POLICY_TEXT) return text;
  const head = text.slice(0, MAX_POLICY_TEXT);
  const lastHeading = head.lastIndexOf("\n## ");
  return (lastHeading > 0 ? head.slice(0, lastHeading) : head).trim();
}

/** Pure: policy HTML → plain text with "## " section headings, whitespace tidied. */
export function policyHtmlToText(html: string): string {
  const root = parse(html, { comment: false, blockTextElements: { script: false, style: false, pre: true } });
  const builder = new TextBuilder();
  for (const child of root.childNodes) walk(child, builder);
  const text = builder
    .result()
    .split("\n")
    .map((line) => line.trim())
    // A body line that looks like a Markdown heading would start a section of its own.
    .map((line) => (line.startsWith(HEADING_MARK) ? line.slice(1) : line.replace(/^#{1,6}\s+/, "")))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return cutToLimit(text);
}
