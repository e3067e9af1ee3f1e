// GET/POST /app/segments/<id | "new">: the segment builder. POST intent=save with `segment` = JSON
// { name, definition, shopifyQuery } → 200 { ok: true, id } (the segment is saved REFRESHING and
// its rebuild job enqueued) or 400 { ok: false, field, error }; intent=refresh → 200 { ok: true };
// intent=delete → 200 { ok: true }. Another shop's segment id answers 404.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { Page } from "@shopify/polaris";
import { shopFormatOf } from "../components/format";
import { pageTitle } from "../components/page-title";
import { SegmentEditor } from "../components/segments/SegmentEditor";
import { usePolling } from "../components/use-polling";
import { logger } from "../lib/logger.server";
import { requestSegmentRefresh } from "../segments/jobs.server";
import { deleteSegment, requireSegment, saveSegment } from "../segments/segments.server";
import { requireAdmin } from "../shopify/admin-context.server";

export const meta: MetaFunction = () => pageTitle("Segment");

const segmentId = (raw: string | undefined) => (!raw || raw === "new" ? null : raw.slice(0, 64));

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const id = segmentId(params.id);
  return json({ segment: id ? await requireSegment(shop.id, id) : null, format: shopFormatOf(shop) });
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const id = segmentId(params.id);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (id && (intent === "delete" || intent === "refresh")) {
    await requireSegment(shop.id, id);
    if (intent === "delete") await deleteSegment(shop.id, id);
    else await requestSegmentRefresh(shop.id, id);
    return json({ ok: true as const });
  }
  if (intent !== "save") {
    logger.info({ shopId: shop.id, intent }, "segment request refused: unknown intent");
    return json({ ok: false as const, field: "intent", error: "Unknown request: reload the page." }, { status: 400 });
  }
  let value: unknown;
  try {
    value = JSON.parse(String(form.get("segment") ?? ""));
  } catch {
    logger.info({ shopId: shop.id }, "segment refused: not JSON");
    return json({ ok: false as const, field: "segment", error: "segment: must be JSON" }, { status: 400 });
  }
  const result = await saveSegment(shop.id, id, value);
  if (!result.ok) logger.info({ shopId: shop.id, field: result.field, error: result.error }, "segment refused");
  return json(result, { status: result.ok ? 200 : 400 });
};

export default function SegmentPage() {
  const { segment, format } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  usePolling(revalidator, segment?.refreshState === "REFRESHING" ? 2000 : 60_000);
  return (
    <Page title={segment ? segment.name : "New segment"} backAction={{ content: "Segments", url: "/app/segments" }}>
      <SegmentEditor key={segment?.id ?? "new"} segment={segment} format={format} />
    </Page>
  );
}
