// Up to three reply drafts for the customer message staff have not answered yet, stored as
// ReplySuggestion rows the first time they are shown. Later loads (a reload, the admin block, a
// second staff member) read the stored rows instead of computing again, so every suggestion is
// counted once and staff see the same drafts wherever they look. Nothing here sends anything.
import { db } from "../db/client.server";
import { detectLanguage } from "../knowledge/detect-language";
import { detectMandatoryHandoff } from "../knowledge/handoff-detectors";
import { detectOrderTracking } from "../knowledge/intent-detectors";
import type { HandoffReason } from "../knowledge/contracts";
import { articleDrafts } from "./article-drafts.server";
import { SUGGESTION_LIMIT, type Draft, type SuggestionKind, type SuggestionView } from "./contracts";
import { latestUnansweredInbound } from "./latest-inbound.server";
import { orderDraft } from "./order-draft.server";

/** Topics a person writes from scratch: no draft at all, not even the order's status. */
const NO_DRAFTS: readonly HandoffReason[] = ["self_harm", "safety", "legal_threat", "dispute"];

async function computeDrafts(
  shopId: string,
  inbound: { body: string; customerId: string },
  timeZone: string,
): Promise<Draft[]> {
  const text = inbound.body.slice(0, 4000);
  const mandatory = detectMandatoryHandoff(text);
  if (mandatory && NO_DRAFTS.includes(mandatory.reason)) return [];
  const locale = detectLanguage(text);
  const asksAboutOrder = detectOrderTracking(text);
  const order = await orderDraft({ shopId, customerId: inbound.customerId, text, asksAboutOrder, locale, timeZone });
  const articles = await articleDrafts(shopId, text, locale, SUGGESTION_LIMIT - (order ? 1 : 0));
  // A question about an order gets its status first; otherwise the order's status is the last draft.
  if (!order) return articles;
  return asksAboutOrder ? [order, ...articles] : [...articles, order];
}

/** The drafts still on offer (not dismissed, not sent) for the conversation's unanswered message. */
export async function suggestionsFor(shopId: string, conversationId: string): Promise<SuggestionView[]> {
  const conversation = await db().conversation.findFirst({
    where: { id: conversationId, shopId },
    select: { id: true, shop: { select: { ianaTimezone: true } } },
  });
  if (!conversation) throw new Response("Not found", { status: 404 });
  const inbound = await latestUnansweredInbound(shopId, conversation.id);
  if (!inbound) return [];

  let rows = await storedFor(shopId, inbound.id);
  if (rows.length === 0) {
    const drafts = await computeDrafts(shopId, inbound, conversation.shop.ianaTimezone);
    if (drafts.length === 0) return [];
    // Two loads racing on the same message: the first writer's rows win and both read them back.
    await db().replySuggestion.createMany({
      data: drafts.map((d, position) => ({
        shopId,
        conversationId: conversation.id,
        inboundMessageId: inbound.id,
        position,
        kind: d.kind,
        articleId: d.articleId,
        text: d.text,
      })),
      skipDuplicates: true,
    });
    rows = await storedFor(shopId, inbound.id);
  }
  const open = rows.filter((r) => r.outcome === "SHOWN");
  const articleIds = open.map((r) => r.articleId).filter((id): id is string => !!id);
  // An article unpublished or deleted since the drafts were stored is no longer offered.
  const titles = articleIds.length
    ? await db().knowledgeArticle.findMany({
        where: { shopId, status: "PUBLISHED", id: { in: articleIds } },
        select: { id: true, title: true },
      })
    : [];
  const titleOf = new Map(titles.map((t) => [t.id, t.title]));
  return open
    .filter((r) => !r.articleId || titleOf.has(r.articleId))
    .map((r) => ({
      id: r.id,
      position: r.position,
      kind: r.kind as SuggestionKind,
      articleId: r.articleId,
      title: r.articleId ? (titleOf.get(r.articleId) ?? null) : null,
      text: r.text,
    }));
}

function storedFor(shopId: string, inboundMessageId: string) {
  return db().replySuggestion.findMany({
    where: { shopId, inboundMessageId },
    orderBy: { position: "asc" },
    select: { id: true, position: true, kind: true, articleId: true, text: true, outcome: true },
  });
}
