// Channels settings: connect Twilio, SendGrid and Meta, send a test message, copy the webhook
// URLs (status and inbound) into each provider's console, disconnect. Saved secrets never come
// back to the page. Data and form handling: app/channels/settings-page.server.ts; cards:
// app/components/channels/.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page, Text } from "@shopify/polaris";
import { channelsPageData, runChannelsAction } from "../channels/settings-page.server";
import { MetaCard } from "../components/channels/MetaCard";
import { ProviderCard } from "../components/channels/ProviderCard";
import { shopFormatOf } from "../components/format";
import { pageTitle } from "../components/page-title";
import { requireAdmin } from "../shopify/admin-context.server";

export const meta: MetaFunction = () => pageTitle("Channels");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, demo } = await requireAdmin(request);
  return json({ ...(await channelsPageData(shop.id)), demo, format: shopFormatOf(shop) });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const { body, status } = await runChannelsAction(shop, Object.fromEntries(await request.formData()));
  return json(body, { status });
};

export default function ChannelsPage() {
  const { providers, meta, format } = useLoaderData<typeof loader>();
  return (
    <Page title="Channels" subtitle="The accounts Threadline sends and receives messages through">
      <Layout>
        <Layout.Section>
          <BlockStack gap="500">
            {providers.every((p) => !p.connected) ? (
              <Banner tone="info" title="No channel connected yet">
                <Text as="p">
                  Flows send nothing until a channel is connected. Connect Twilio for SMS and WhatsApp, SendGrid for
                  email, or both.
                </Text>
              </Banner>
            ) : null}
            {providers.map((p) => (
              <ProviderCard key={p.provider} data={p} format={format} />
            ))}
            <MetaCard data={meta} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
