// GET /app/campaigns: the shop's campaigns, newest first (name, segment, status, scheduled time,
// progress), or an empty state that leads to /app/campaigns/new. Domain: app/campaigns/editor/.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Page } from "@shopify/polaris";
import { listCampaigns } from "../campaigns/editor/campaigns.server";
import { CampaignList } from "../components/campaigns/CampaignList";
import { shopFormatOf } from "../components/format";
import { pageTitle } from "../components/page-title";
import { requireAdmin } from "../shopify/admin-context.server";

export const meta: MetaFunction = () => pageTitle("Campaigns");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return json({ campaigns: await listCampaigns(shop.id), format: shopFormatOf(shop) });
};

export default function CampaignsPage() {
  const { campaigns, format } = useLoaderData<typeof loader>();
  return (
    <Page
      title="Campaigns"
      subtitle="One-off and scheduled messages to a segment"
      primaryAction={{ content: "Create campaign", url: "/app/campaigns/new" }}
    >
      <CampaignList campaigns={campaigns} format={format} />
    </Page>
  );
}
