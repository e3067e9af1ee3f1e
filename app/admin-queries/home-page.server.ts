// The Home page's server side: the latest import, headline counts and failed webhooks to show,
// and its two buttons (start an import, retry failed webhooks).
import { z } from "zod";
import { shopFormatOf } from "../components/format";
import { startBackfill } from "../shopify/backfill/start-backfill.server";
import { listFailedWebhooks, retryFailedWebhooks } from "../webhooks/failed-receipts.server";
import { getHomeSummary, getLatestBackfill, hasActiveBackfill } from "./home.server";

type HomeShop = { id: string; domain: string; name: string | null } & Parameters<typeof shopFormatOf>[0];

export async function homePageData(shop: HomeShop) {
  const [backfill, summary, failedWebhooks] = await Promise.all([
    getLatestBackfill(shop.id),
    getHomeSummary(shop.id),
    listFailedWebhooks(shop.domain),
  ]);
  return {
    shop: { name: shop.name ?? shop.domain, domain: shop.domain, format: shopFormatOf(shop) },
    backfill,
    summary,
    failedWebhooks,
  };
}

const actionSchema = z.object({ intent: z.enum(["import", "retry-webhooks"]) });

type HomeReply =
  | { body: { ok: true; retried: number } | { ok: true; runId: string }; status: 200 }
  | { body: { ok: false; error: string }; status: 400 | 409 | 500 };

export async function runHomeAction(shop: { id: string; domain: string }, form: unknown): Promise<HomeReply> {
  const parsed = actionSchema.safeParse(form);
  if (!parsed.success) return { body: { ok: false, error: "Unknown action." }, status: 400 };
  if (parsed.data.intent === "retry-webhooks") {
    return { body: { ok: true, retried: await retryFailedWebhooks(shop.domain) }, status: 200 };
  }
  if (await hasActiveBackfill(shop.id)) {
    return { body: { ok: false, error: "An import is already in progress." }, status: 409 };
  }
  try {
    const runId = await startBackfill(shop.id, "manual");
    return { body: { ok: true, runId }, status: 200 };
  } catch (error) {
    console.error("startBackfill failed", error);
    return { body: { ok: false, error: "The import could not be started. Please try again." }, status: 500 };
  }
}
