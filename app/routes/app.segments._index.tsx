// GET /app/segments: the shop's segments (name, members, last refreshed, state) or an empty state.
// Domain: app/segments/; parts: app/components/segments/.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { Page } from "@shopify/polaris";
import { EmptyStateCard } from "../components/EmptyStateCard";
import { shopFormatOf } from "../components/format";
import { pageTitle } from "../components/page-title";
import { SegmentList } from "../components/segments/SegmentList";
import { usePolling } from "../components/use-polling";
import { listSegments } from "../segments/segments.server";
import { requireAdmin } from "../shopify/admin-context.server";

export const meta: MetaFunction = () => pageTitle("Segments");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return json({ segments: await listSegments(shop.id), format: shopFormatOf(shop) });
};

export default function SegmentsPage() {
  const { segments, format } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  // While a rebuild runs, the counts and states come back every few seconds.
  usePolling(revalidator, segments.some((s) => s.refreshState === "REFRESHING") ? 3000 : 60_000);
  return (
    <Page
      title="Segments"
      subtitle="Groups of customers for campaigns and flows"
      primaryAction={{ content: "Create segment", url: "/app/segments/new" }}
    >
      {segments.length === 0 ? (
        <EmptyStateCard heading="No segments yet" action={{ content: "Create segment", url: "/app/segments/new" }}>
          <p>
            Group customers by Shopify&apos;s RFM group, orders and spend, consent per channel, the channel they last
            used, open conversations, satisfaction, engagement, cart recovery and products they viewed — optionally
            narrowed by a Shopify segment query. Counts and members stay up to date as orders and consent change.
          </p>
        </EmptyStateCard>
      ) : (
        <SegmentList segments={segments} format={format} />
      )}
    </Page>
  );
}
