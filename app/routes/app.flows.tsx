import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, InlineGrid, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { listFlows } from "../admin-queries/flows.server";
import { formatDateTime, formatNumber, shopFormatOf } from "../components/format";
import { requireAdmin } from "../shopify/admin-context.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const flows = await listFlows(shop.id);
  return json({ flows, format: shopFormatOf(shop) });
};

export default function FlowsPage() {
  const { flows, format } = useLoaderData<typeof loader>();
  const configured = flows.filter((f) => f.flow).length;
  return (
    <Page
      title="Flows"
      subtitle="Automated messages Threadline sends on your behalf, on each customer's preferred channel"
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {configured === 0 ? (
              <Text as="p" tone="subdued">
                None of the four flows has been set up for this shop yet. Each one starts from a Shopify event; once a
                flow is set up and turned on, it appears here with its steps and the customers it is currently working
                on.
              </Text>
            ) : null}
            <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
              {flows.map((entry) => (
                <Card key={entry.kind}>
                  <BlockStack gap="300">
                    <InlineStack align="space-between" blockAlign="center" gap="200">
                      <Text as="h2" variant="headingMd">
                        {entry.flow?.name ?? entry.title}
                      </Text>
                      {entry.flow ? (
                        entry.flow.enabled ? (
                          <Badge tone="success">On</Badge>
                        ) : (
                          <Badge>Off</Badge>
                        )
                      ) : (
                        <Badge tone="attention">Not set up</Badge>
                      )}
                    </InlineStack>
                    <Text as="p">{entry.description}</Text>
                    {entry.flow ? (
                      <BlockStack gap="100">
                        <Text as="p" tone="subdued">
                          {formatNumber(entry.flow.stepCount, format.locale)}{" "}
                          {entry.flow.stepCount === 1 ? "step" : "steps"} ·{" "}
                          {formatNumber(entry.flow.activeRuns, format.locale)} active{" "}
                          {entry.flow.activeRuns === 1 ? "run" : "runs"}
                        </Text>
                        <Text as="p" variant="bodySm" tone="subdued">
                          Last changed {formatDateTime(entry.flow.updatedAt, format)}
                        </Text>
                      </BlockStack>
                    ) : (
                      <Text as="p" tone="subdued">
                        This flow has not been set up for your shop, so it sends nothing. Setting it up (steps, delays,
                        channels and message templates) comes with the flows editor.
                      </Text>
                    )}
                  </BlockStack>
                </Card>
              ))}
            </InlineGrid>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
