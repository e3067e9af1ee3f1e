// The Flows page: every automated flow in two sections (order and cart messages, lifecycle), each
// with what it does, its on/off switch, its steps in a sentence and what it did in the last 30 days.
// UI: app/components/flows-list/.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { getFlowsOverview, setFlowEnabled } from "../admin-queries/flows.server";
import { FlowsList } from "../components/flows-list/FlowsList";
import { shopFormatOf } from "../components/format";
import { ensureDefaultFlows } from "../flows/ensure-default-flows.server";
import { requireAdmin } from "../shopify/admin-context.server";
import { pageTitle } from "../components/page-title";

export const meta: MetaFunction = () => pageTitle("Flows");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  await ensureDefaultFlows(shop.id);
  const overview = await getFlowsOverview(shop.id);
  return json({ ...overview, format: shopFormatOf(shop) });
};

const toggleSchema = z.object({
  intent: z.literal("toggle"),
  flowId: z.string().min(1).max(64),
  enabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const parsed = toggleSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ ok: false as const, error: "Invalid request" }, { status: 400 });
  await setFlowEnabled(shop.id, parsed.data.flowId, parsed.data.enabled);
  return json({ ok: true as const, flowId: parsed.data.flowId, enabled: parsed.data.enabled });
};

export default function FlowsPage() {
  const { flows, connectedProviders, format } = useLoaderData<typeof loader>();
  const noChannel = connectedProviders.length === 0;
  return (
    <Page
      title="Flows"
      subtitle="Automated messages Threadline sends on your behalf, on each customer's preferred channel"
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {noChannel ? (
              <Banner
                tone="warning"
                title="Connect a channel to start sending"
                action={{ content: "Connect a channel", url: "/app/channels" }}
              >
                <Text as="p">
                  No messaging channel is connected, so flows that are on cannot send anything yet. Connect Twilio (SMS
                  and WhatsApp) or SendGrid (email) on the Channels page.
                </Text>
              </Banner>
            ) : null}
            <FlowsList flows={flows} format={format} />
            <Text as="p" variant="bodySm" tone="subdued">
              Figures cover the last 30 days. Delivered includes messages that were opened, read or clicked; orders and
              revenue are those attributed to the flow.
            </Text>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
