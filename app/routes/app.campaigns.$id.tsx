// GET/POST /app/campaigns/<id | "new">: the campaign editor while it is a draft (or scheduled), then
// its progress and results. POST intents (app/campaigns/editor/intents.server.ts): save, preview,
// estimate, test_send, schedule, send_now, pause, resume, cancel. Another shop's id answers 404.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { runCampaignIntent } from "../campaigns/editor/intents.server";
import { campaignPage } from "../campaigns/editor/page.server";
import { CampaignPage } from "../components/campaigns/CampaignPage";
import { shopFormatOf } from "../components/format";
import { pageTitle } from "../components/page-title";
import { requireAdmin } from "../shopify/admin-context.server";

export const meta: MetaFunction = () => pageTitle("Campaign");

const campaignId = (raw: string | undefined) => (!raw || raw === "new" ? null : raw.slice(0, 64));

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return json({ page: await campaignPage(shop, campaignId(params.id)), format: shopFormatOf(shop) });
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const answer = await runCampaignIntent(shop.id, campaignId(params.id), await request.formData());
  return json(answer.body, { status: answer.status });
};

export default function CampaignRoute() {
  const { page, format } = useLoaderData<typeof loader>();
  return <CampaignPage key={page.id ?? "new"} page={page} format={format} />;
}
