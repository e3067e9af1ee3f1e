// The Flows page: the four automated flows, each with its on/off switch, its steps
// in a sentence and what it did in the last 30 days.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import { z } from "zod";
import { getFlowsOverview, setFlowEnabled } from "../admin-queries/flows.server";
import { describeFlowSchedule } from "../components/flow-format";
import { formatMoney, formatNumber, shopFormatOf, type ShopFormat } from "../components/format";
import { ensureDefaultFlows } from "../flows/ensure-default-flows.server";
import { requireAdmin } from "../shopify/admin-context.server";
import { pageTitle } from "../components/page-title";
import { useHydrated } from "../components/use-hydrated";

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

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

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
            <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
              {flows.map((entry) => (
                <FlowCard key={entry.kind} entry={entry} format={format} />
              ))}
            </InlineGrid>
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

function FlowCard({ entry, format }: { entry: Data["flows"][number]; format: ShopFormat }) {
  const fetcher = useFetcher<typeof action>();
  const hydrated = useHydrated();
  const flow = entry.flow;
  const pending = fetcher.formData?.get("enabled");
  const enabled = pending !== undefined && pending !== null ? pending === "true" : Boolean(flow?.enabled);
  const headingId = `flow-${entry.kind.toLowerCase()}`;
  return (
    <Card>
      <section aria-labelledby={headingId}>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center" gap="200">
            <Text as="h2" variant="headingMd" id={headingId}>
              {flow?.name ?? entry.title}
            </Text>
            {enabled ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>}
          </InlineStack>
          <Text as="p">{entry.description}</Text>
          {flow ? (
            <>
              <Checkbox
                label={`Send ${(flow.name ?? entry.title).toLowerCase()} messages`}
                helpText={enabled ? "On: new triggers start this flow." : "Off: this flow sends nothing."}
                checked={enabled}
                disabled={!hydrated || fetcher.state !== "idle"}
                onChange={(checked) =>
                  fetcher.submit({ intent: "toggle", flowId: flow.id, enabled: String(checked) }, { method: "post" })
                }
              />
              <Text as="p" tone="subdued">
                {describeFlowSchedule(entry.kind, entry.steps, flow.settings)}
              </Text>
              {entry.figures ? <Figures figures={entry.figures} format={format} /> : null}
              <InlineStack gap="200">
                <Button url={`/app/flows/${flow.id}`} accessibilityLabel={`Edit ${flow.name}`}>
                  Edit flow
                </Button>
                <Button
                  variant="plain"
                  url={`/app/flows/${flow.id}/log`}
                  accessibilityLabel={`Message log of ${flow.name}`}
                >
                  Message log
                </Button>
              </InlineStack>
            </>
          ) : (
            <Text as="p" tone="subdued">
              This flow is not set up for your shop.
            </Text>
          )}
        </BlockStack>
      </section>
    </Card>
  );
}

function Figures({ figures, format }: { figures: NonNullable<Data["flows"][number]["figures"]>; format: ShopFormat }) {
  const items: Array<[string, string]> = [
    ["Sent", formatNumber(figures.sent, format.locale)],
    ["Delivered", formatNumber(figures.delivered, format.locale)],
    ["Clicked", formatNumber(figures.clicked, format.locale)],
    ["Orders", formatNumber(figures.orders, format.locale)],
    ["Revenue", formatMoney(figures.revenue, format.currency, format.locale)],
  ];
  return (
    <Box background="bg-surface-secondary" borderRadius="200" padding="300">
      <InlineGrid columns={{ xs: 3, sm: 5 }} gap="200">
        {items.map(([label, value]) => (
          <BlockStack key={label} gap="050">
            <Text as="span" variant="bodySm" tone="subdued">
              {label}
            </Text>
            <Text as="span" variant="headingSm" numeric>
              {value}
            </Text>
          </BlockStack>
        ))}
      </InlineGrid>
    </Box>
  );
}
