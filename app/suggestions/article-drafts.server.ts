// Knowledge-base drafts for a customer message: the best distinct published articles by the same
// retrieval and confidence model as automatic answers (app/knowledge), down to SUGGESTION_FLOOR,
// each with the shop's brand voice applied. The ranking is already one section per article.
import { db } from "../db/client.server";
import { confidenceOf } from "../knowledge/confidence-model";
import type { KnowledgeLocale } from "../knowledge/contracts";
import { applyBrandVoice } from "../knowledge/brand-voice.server";
import { bestCandidate, featuresAt } from "../knowledge/decide-answer.server";
import { SUGGESTION_FLOOR, type Draft } from "./contracts";

export async function articleDrafts(
  shopId: string,
  text: string,
  locale: KnowledgeLocale,
  limit: number,
): Promise<Draft[]> {
  if (limit <= 0) return [];
  const best = await bestCandidate(shopId, locale, text, SUGGESTION_FLOOR);
  if (!best) return [];
  // The winning article first (retrieval may have lifted one below BM25's top), then the others in
  // ranking order, each at the estimated confidence its place in the ranking gives it. That estimate
  // leans on message-wide features (how many of the customer's words the shop knows at all), so a
  // lower-ranked article must also contain one of the customer's own words, not only a thesaurus
  // word ("shipping" → "delivery" would offer the returns policy for a shipping question).
  const bestRank = best.result.ranked.indexOf(best.section);
  const others = best.result.ranked
    .map((section, rank) => {
      const features = featuresAt(best.result, rank);
      return { section, rank, confidence: features ? confidenceOf(features) : 0 };
    })
    .filter((c) => c.rank !== bestRank && c.section.matchedTerms >= 1);
  const picked = [{ section: best.section, confidence: best.confidence }, ...others]
    .filter((c) => c.confidence >= SUGGESTION_FLOOR)
    .slice(0, limit);
  if (!picked.length) return [];
  // Sections follow their article's status, but a draft article must never be offered: checked again here.
  const articles = await db().knowledgeArticle.findMany({
    where: { shopId, status: "PUBLISHED", id: { in: picked.map((c) => c.section.articleId) } },
    select: { id: true, title: true, answer: true, _count: { select: { sections: true } } },
  });
  const byId = new Map(articles.map((a) => [a.id, a]));
  const drafts: Draft[] = [];
  for (const { section } of picked) {
    const article = byId.get(section.articleId);
    if (!article) continue;
    // As automatic answers do: a Q&A pair answers with its answer, a long article with the section found.
    const body = article._count.sections > 1 ? section.body || article.answer : article.answer;
    drafts.push({
      kind: "article",
      articleId: article.id,
      text: await applyBrandVoice(shopId, body, locale),
    });
  }
  return drafts;
}
