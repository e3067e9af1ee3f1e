// How an article becomes retrievable sections. A Q&A pair is one section; a longer answer with
// Markdown headings (a policy, an imported document) becomes one section per heading, so a
// question about one part of a long page matches that part and cites it, instead of the whole
// page diluting every term (BM25 normalises by length).

export interface SectionDraft {
  position: number;
  /** The article title, plus the Markdown heading when the answer has several: the title is kept as context. */
  heading: string;
  body: string;
}

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$/;

export function splitSections(title: string, answer: string): SectionDraft[] {
  const cleanTitle = title.trim();
  const lines = answer.replace(/\r\n?/g, "\n").split("\n");
  const parts: { heading: string | null; lines: string[] }[] = [{ heading: null, lines: [] }];
  let inFence = false;
  for (const line of lines) {
    if (/^ {0,3}(```|~~~)/.test(line)) inFence = !inFence;
    const match = inFence ? null : HEADING.exec(line);
    if (match) parts.push({ heading: match[2]!.trim(), lines: [] });
    else parts[parts.length - 1]!.lines.push(line);
  }
  const withHeadings = parts.filter((p) => p.heading !== null);
  if (withHeadings.length === 0) return [{ position: 0, heading: cleanTitle, body: answer.trim() }];

  const drafts: SectionDraft[] = [];
  for (const part of parts) {
    const body = part.lines.join("\n").trim();
    if (part.heading === null) {
      // Text before the first heading: an introduction under the title itself.
      if (body) drafts.push({ position: drafts.length, heading: cleanTitle, body });
      continue;
    }
    const heading =
      part.heading.toLowerCase() === cleanTitle.toLowerCase() ? cleanTitle : `${cleanTitle} — ${part.heading}`;
    // A heading with nothing under it still names a topic; keep it so its words are findable.
    drafts.push({ position: drafts.length, heading, body });
  }
  return drafts;
}
