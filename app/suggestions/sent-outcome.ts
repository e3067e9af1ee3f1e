// Whether a sent reply is the suggestion as offered or an edited version of it. Whitespace is not
// an edit: the composer trims, email clients rewrap and staff add a blank line without meaning to.

export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function outcomeOfSent(suggestionText: string, sentBody: string): "ACCEPTED" | "EDITED" {
  return normalizeWhitespace(suggestionText) === normalizeWhitespace(sentBody) ? "ACCEPTED" : "EDITED";
}
