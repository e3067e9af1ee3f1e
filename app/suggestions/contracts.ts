// The shapes staff reply suggestions share between the domain, the inbox page and the admin block.
// A suggestion is a draft a person reads, edits and sends with a click; nothing here ever sends.

export type SuggestionKind = "article" | "order_status";
export type SuggestionSurface = "inbox" | "admin_block";

/** At most this many drafts per customer message. */
export const SUGGESTION_LIMIT = 3;

/**
 * Estimated retrieval confidence an article needs to be offered as a draft. Far below the
 * automatic-answer threshold (0.81): a person reads every draft before anything is sent, so a
 * plausible article is worth showing, while below this the matches are mostly noise.
 */
export const SUGGESTION_FLOOR = 0.3;

/** An order placed within this many days is worth a status draft even when the message does not ask. */
export const RECENT_ORDER_DAYS = 30;

/** One draft as staff see it. Text only: render it as text, never as HTML. */
export interface SuggestionView {
  id: string;
  position: number;
  kind: SuggestionKind;
  articleId: string | null;
  /** The article's title for an article draft; null for an order draft. */
  title: string | null;
  text: string;
}

/** What the domain computes before anything is stored. */
export interface Draft {
  kind: SuggestionKind;
  articleId: string | null;
  text: string;
}
