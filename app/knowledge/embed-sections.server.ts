// Section vectors: written by a job after the article's transaction commits, never inside it (a
// provider call must not hold a database transaction open, and a failed call must not undo the
// merchant's edit). One job per article, id `embed-article-<articleId>`; the rows are the truth:
// a published section needs a vector when its `embedding` is empty or its `embeddingModel` is not
// the shop's current embedding model, and the reconciler re-enqueues every article that has one.
import type { JobsOptions } from "bullmq";
import { db } from "../db/client.server";
import { getQueue } from "../jobs/enqueue.server";
import { enqueue } from "../jobs/enqueue.server";
import { JOB, QUEUE, jobIdFor } from "../jobs/queues.server";
import { logger } from "../lib/logger.server";
import { embedForShop, embeddingSettingsOf } from "../llm/embed-for-shop.server";
import { loadLlmSettings } from "../llm/settings.server";
import { parseLlmSettings } from "../llm/settings";
import type { Prisma } from "../generated/prisma/client";

/** A provider call for a whole article may take a while; decideAnswer's own call is short. */
export const SECTION_EMBEDDING_TIMEOUT_MS = 30_000;
/** Longer sections are cut: embedding models take about 8,000 tokens, and the start says most. */
const MAX_EMBEDDED_CHARS = 8000;
/** Articles re-enqueued per shop per reconciler pass. */
const RECONCILE_BATCH = 500;

/** Exactly what the provider is sent for a section: its heading, a blank line, its body. */
export function sectionEmbeddingText(heading: string, body: string): string {
  const text = heading.trim() && body.trim() ? `${heading.trim()}\n\n${body.trim()}` : (heading || body).trim();
  return text.slice(0, MAX_EMBEDDED_CHARS);
}

const needsVector = (model: string): Prisma.KnowledgeSectionWhereInput => ({
  published: true,
  OR: [{ embeddingModel: null }, { embeddingModel: { not: model } }, { embedding: { isEmpty: true } }],
});

export type EmbedArticleOutcome =
  | { outcome: "embedded"; sections: number; model: string; tokens: number }
  | { outcome: "nothing_to_do" | "switched_off" }
  | { outcome: "over_budget" | "budget_unavailable"; detail: string };

/** The job: embeds the article's published sections that lack a vector of the shop's model. */
export async function embedArticleSections(shopId: string, articleId: string): Promise<EmbedArticleOutcome> {
  const settings = embeddingSettingsOf(await loadLlmSettings(shopId));
  if (!settings) return { outcome: "switched_off" };
  const model = settings.embeddingModel;
  const sections = await db().knowledgeSection.findMany({
    where: { shopId, articleId, ...needsVector(model) },
    select: { id: true, heading: true, body: true },
    orderBy: { position: "asc" },
  });
  if (sections.length === 0) return { outcome: "nothing_to_do" };
  const result = await embedForShop(
    shopId,
    sections.map((s) => sectionEmbeddingText(s.heading, s.body)),
    { timeoutMs: SECTION_EMBEDDING_TIMEOUT_MS },
  );
  if (!result.ok) {
    // Nothing to retry now: the reconciler tries again next minute (tomorrow, for the budget).
    if (result.reason === "over_budget" || result.reason === "budget_unavailable") {
      return { outcome: result.reason, detail: result.detail };
    }
    if (result.reason === "disabled") return { outcome: "switched_off" };
    // A provider failure: thrown, so the queue retries with backoff and finally keeps it as failed.
    throw new Error(`embedding ${sections.length} sections failed (${result.reason}): ${result.detail}`);
  }
  // The article may have been edited meanwhile (its sections re-created under new ids): those
  // updates match nothing, and the new sections get their own job.
  await db().$transaction(
    sections.map((s, i) =>
      db().knowledgeSection.updateMany({
        where: { id: s.id, shopId, articleId },
        data: { embedding: result.vectors[i]!, embeddingModel: result.model },
      }),
    ),
  );
  return { outcome: "embedded", sections: sections.length, model: result.model, tokens: result.tokens };
}

/** Completed jobs are removed at once so the same article can be enqueued again after its next edit. */
const JOB_OPTIONS: JobsOptions = { removeOnComplete: true };

async function enqueueArticle(shopId: string, articleId: string, retryFailed: boolean): Promise<boolean> {
  const jobId = jobIdFor(JOB.embedArticle, { shopId, articleId });
  const queue = getQueue(QUEUE.embeddings);
  const state = await queue.getJobState(jobId);
  if (state === "waiting" || state === "active" || state === "delayed" || state === "prioritized") return false;
  // Given up after its attempts: left alone (its error is in the log) until the settings change.
  if (state === "failed" && !retryFailed) return false;
  if (state === "failed" || state === "completed") await queue.remove(jobId).catch(() => undefined);
  await enqueue(JOB.embedArticle, { shopId, articleId }, JOB_OPTIONS);
  return true;
}

/** Articles of the shop with a published section that needs a vector of `model`. */
async function articlesNeedingVectors(shopId: string, model: string, articleIds?: readonly string[]) {
  const rows = await db().knowledgeSection.findMany({
    where: { shopId, ...(articleIds ? { articleId: { in: [...articleIds] } } : {}), ...needsVector(model) },
    select: { articleId: true },
    distinct: ["articleId"],
    take: RECONCILE_BATCH,
  });
  return rows.map((r) => r.articleId);
}

/**
 * After a commit that changed articles (or the settings): enqueue their embedding jobs when the
 * shop embeds. Never throws: the edit is already saved, and the reconciler repairs a lost enqueue.
 */
export async function enqueueArticleEmbeddings(
  shopId: string,
  articleIds?: readonly string[],
  { retryFailed = false }: { retryFailed?: boolean } = {},
): Promise<number> {
  try {
    const settings = embeddingSettingsOf(await loadLlmSettings(shopId));
    if (!settings) return 0;
    let n = 0;
    for (const id of await articlesNeedingVectors(shopId, settings.embeddingModel, articleIds)) {
      if (await enqueueArticle(shopId, id, retryFailed)) n++;
    }
    return n;
  } catch (err) {
    logger.warn({ shopId, err: (err as Error).message }, "could not enqueue section embeddings; the reconciler will");
    return 0;
  }
}

/** Reconciler: every installed shop that embeds, every article still missing a vector. */
export async function reconcileEmbeddings(): Promise<number> {
  const shops = await db().$queryRaw<{ id: string; settings: unknown }[]>`
    SELECT id, settings FROM "Shop"
     WHERE "uninstalledAt" IS NULL
       AND settings->'llm'->>'enabled' = 'true'
       AND coalesce(settings->'llm'->>'embeddingModel', '') <> ''`;
  let repaired = 0;
  for (const shop of shops) {
    const settings = embeddingSettingsOf(parseLlmSettings(shop.settings));
    if (!settings) continue;
    for (const id of await articlesNeedingVectors(shop.id, settings.embeddingModel)) {
      if (await enqueueArticle(shop.id, id, false)) repaired++;
    }
  }
  return repaired;
}
