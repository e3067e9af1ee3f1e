// The shapes the knowledge base's parts agree on: the Knowledge page, retrieval, the "Try it" box
// and, later, automatic answers on every channel all speak these.
//
// - app/knowledge/index-article.server.ts: indexArticle(tx, shopId, articleId) rewrites an article's
//   KnowledgeSection rows (and their search vectors in the article's language) after any change.
// - app/knowledge/decide-answer.server.ts: decideAnswer(input) is the one decision for a customer
//   message; the "Try it" box and automatic answers both call it.

export type KnowledgeLocale = "en" | "es" | "fr";

/** Why a message goes to a person. The first six can never be switched off. */
export type HandoffReason =
  | "asked_for_person"
  | "frustration"
  | "legal_threat"
  | "dispute"
  | "safety"
  | "self_harm"
  | "vip_customer"
  | "merchant_topic"
  | "low_confidence";

export const MANDATORY_HANDOFF_REASONS: readonly HandoffReason[] = [
  "asked_for_person",
  "frustration",
  "legal_threat",
  "dispute",
  "safety",
  "self_harm",
];

export interface CitedArticle {
  articleId: string;
  sectionId: string;
  title: string;
}

export type AnswerDecision =
  | {
      kind: "answer";
      /** The answer text as it would be sent (brand voice applied). */
      text: string;
      /** Calibrated: the estimated probability that this article answers the message. */
      confidence: number;
      article: CitedArticle;
      locale: KnowledgeLocale;
    }
  | { kind: "order_tracking"; confidence: number; locale: KnowledgeLocale }
  | {
      kind: "handoff";
      reason: HandoffReason;
      /** Plain words for staff and the merchant ("asked for a person", "mentions a chargeback"). */
      explanation: string;
      /** The best article, when there was one below the threshold. */
      nearest?: CitedArticle & { confidence: number };
      locale: KnowledgeLocale;
    };

/** One earlier message of the conversation (since it was last resolved), for the language model. */
export interface ConversationTurn {
  from: "customer" | "staff" | "assistant";
  text: string;
}

export interface DecideAnswerInput {
  shopId: string;
  text: string;
  /** The customer's language when known; otherwise detected from the text. */
  locale?: KnowledgeLocale;
  /** Whose conversation it is: VIP checks, and the only orders the language model may see. */
  customerId?: string | null;
  /** The conversation since it was last resolved, oldest first, without `text`; read only by the model. */
  history?: ConversationTurn[];
}
