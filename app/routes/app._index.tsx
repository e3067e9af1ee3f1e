import { useEffect } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useRevalidator, useSubmit } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  InlineGrid,
  InlineStack,
  Layout,
  Link,
  Page,
  ProgressBar,
  Text,
} from "@shopify/polaris";
import { z } from "zod";
import { getHomeSummary, getLatestBackfill, hasActiveBackfill } from "../admin-queries/home.server";
import { EmptyStateCard } from "../components/EmptyStateCard";
import {
  formatDateTime,
  formatDuration,
  formatNumber,
  humanize,
  shopFormatOf,
  type ShopFormat,
} from "../components/format";
import { BackfillStatusBadge } from "../components/StatusBadges";
import { FailedWebhooksBanner, RetriedWebhooksBanner } from "../components/FailedWebhooksBanner";
import { listFailedWebhooks, retryFailedWebhooks } from "../webhooks/failed-receipts.server";
import { startBackfill } from "../shopify/backfill/start-backfill.server";
import { requireAdmin } from "../shopify/admin-context.server";
import { pageTitle } from "../components/page-title";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const [backfill, summary, failedWebhooks] = await Promise.all([
    getLatestBackfill(shop.id),
    getHomeSummary(shop.id),
    listFailedWebhooks(shop.domain),
  ]);
  return json({
    shop: { name: shop.name ?? shop.domain, domain: shop.domain, format: shopFormatOf(shop) },
    backfill,
    summary,
    failedWebhooks,
  });
};

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle("Home", data?.shop.name);

const actionSchema = z.object({ intent: z.enum(["import", "retry-webhooks"]) });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ ok: false as const, error: "Unknown action." }, { status: 400 });
  if (parsed.data.intent === "retry-webhooks") {
    return json({ ok: true as const, retried: await retryFailedWebhooks(shop.domain) });
  }
  if (await hasActiveBackfill(shop.id)) {
    return json({ ok: false as const, error: "An import is already in progress." }, { status: 409 });
  }
  try {
    const runId = await startBackfill(shop.id, "manual");
    return json({ ok: true as const, runId });
  } catch (error) {
    console.error("startBackfill failed", error);
    return json({ ok: false as const, error: "The import could not be started. Please try again." }, { status: 500 });
  }
};

const REFRESH_MS = 2000;

export default function Home() {
  const { shop, backfill, summary, failedWebhooks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const revalidator = useRevalidator();
  const active = backfill?.status === "QUEUED" || backfill?.status === "RUNNING";
  const submitting = navigation.state !== "idle" && navigation.formMethod?.toUpperCase() === "POST";
  const submittingIntent = submitting ? navigation.formData?.get("intent") : null;

  // While an import is queued or running, reload the data every two seconds.
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle" && document.visibilityState === "visible") revalidator.revalidate();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, revalidator]);

  const startImport = () => submit({ intent: "import" }, { method: "post" });
  const retryWebhooks = () => submit({ intent: "retry-webhooks" }, { method: "post" });

  return (
    <Page title={shop.name} subtitle={shop.domain}>
      <Layout>
        {failedWebhooks.total > 0 ? (
          <Layout.Section>
            <FailedWebhooksBanner
              total={failedWebhooks.total}
              recent={failedWebhooks.recent}
              format={shop.format}
              retrying={submittingIntent === "retry-webhooks"}
              onRetry={retryWebhooks}
            />
          </Layout.Section>
        ) : null}
        {actionData?.ok && "retried" in actionData && actionData.retried > 0 ? (
          <Layout.Section>
            <RetriedWebhooksBanner count={actionData.retried} format={shop.format} />
          </Layout.Section>
        ) : null}
        {actionData && !actionData.ok ? (
          <Layout.Section>
            <Banner tone="critical" title="Import not started">
              <Text as="p">{actionData.error}</Text>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          {backfill ? (
            <BackfillCard backfill={backfill} format={shop.format} busy={active || submitting} onImport={startImport} />
          ) : (
            <EmptyStateCard
              heading="Import your Shopify data"
              action={{ content: "Import from Shopify", onAction: startImport, loading: submitting }}
            >
              <p>
                No import has run for this shop yet. Importing brings your customers, their orders and open checkouts
                into Threadline so every conversation shows the customer&apos;s history.
              </p>
            </EmptyStateCard>
          )}
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
            <SummaryTile label="Customers" value={summary.customers} url="/app/customers" linkLabel="View customers" />
            <SummaryTile
              label="Orders, last 90 days"
              value={summary.ordersLast90Days}
              url="/app/analytics"
              linkLabel="View analytics"
            />
            <SummaryTile
              label="Open carts"
              value={summary.openCarts}
              url={summary.cartRecoveryFlowId ? `/app/flows/${summary.cartRecoveryFlowId}` : "/app/flows"}
              linkLabel="Cart recovery"
            />
            <SummaryTile
              label="Open conversations"
              value={summary.openConversations}
              url="/app/inbox"
              linkLabel="Open inbox"
            />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Go to
              </Text>
              <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
                <PageLink
                  url="/app/inbox"
                  title="Inbox"
                  text="Conversations with your customers across every channel."
                />
                <PageLink
                  url="/app/customers"
                  title="Customers"
                  text="Profiles, consent, orders and each customer's timeline."
                />
                <PageLink
                  url="/app/saved-replies"
                  title="Saved replies"
                  text="Answers your team sends often, with the customer's details filled in."
                />
                <PageLink
                  url="/app/flows"
                  title="Flows"
                  text="Automated cart recovery, order and shipping messages, review requests."
                />
                <PageLink
                  url="/app/channels"
                  title="Channels"
                  text="SMS, WhatsApp, email, Messenger, Instagram and chat connections."
                />
                <PageLink
                  url="/app/analytics"
                  title="Analytics"
                  text="Orders, revenue, checkouts and messages over the last 30 days."
                />
              </InlineGrid>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

type Backfill = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["backfill"]>;

function progressOf(imported: number, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  return Math.min(100, Math.round((imported / total) * 100));
}

function BackfillCard({
  backfill,
  format,
  busy,
  onImport,
}: {
  backfill: Backfill;
  format: ShopFormat;
  busy: boolean;
  onImport: () => void;
}) {
  const running = backfill.status === "QUEUED" || backfill.status === "RUNNING";
  const overall = progressOf(
    backfill.customersImported + backfill.ordersImported,
    backfill.customersTotal !== null && backfill.ordersTotal !== null
      ? backfill.customersTotal + backfill.ordersTotal
      : null,
  );
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h2" variant="headingMd">
              Shopify data import
            </Text>
            <BackfillStatusBadge status={backfill.status} />
            {backfill.phase && running ? (
              <Text as="span" tone="subdued">
                {humanize(backfill.phase)}
              </Text>
            ) : null}
          </InlineStack>
          <Button onClick={onImport} disabled={busy} loading={busy && !running}>
            Import again
          </Button>
        </InlineStack>

        {running ? (
          <BlockStack gap="100">
            <ProgressBar
              progress={backfill.status === "QUEUED" ? 0 : (overall ?? 5)}
              tone="highlight"
              size="small"
              animated
              ariaLabelledBy="backfill-progress-label"
            />
            <Text as="p" tone="subdued" id="backfill-progress-label">
              {backfill.status === "QUEUED"
                ? "Waiting for a worker to pick up the import…"
                : overall !== null
                  ? `${overall}% imported. This page updates on its own.`
                  : "Counting records in Shopify. This page updates on its own."}
            </Text>
          </BlockStack>
        ) : null}

        {backfill.status === "FAILED" ? (
          <Banner tone="critical" title="The last import failed">
            <Text as="p">{backfill.error ?? "No error detail was recorded."}</Text>
          </Banner>
        ) : null}

        <InlineGrid columns={{ xs: 1, sm: 3 }} gap="300">
          <Count
            label="Customers"
            imported={backfill.customersImported}
            total={backfill.customersTotal}
            locale={format.locale}
          />
          <Count
            label="Orders"
            imported={backfill.ordersImported}
            total={backfill.ordersTotal}
            locale={format.locale}
          />
          <Count label="Checkouts" imported={backfill.checkoutsImported} total={null} locale={format.locale} />
        </InlineGrid>

        <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="300">
          <Fact label="Mode" value={backfill.mode === "BULK" ? "Bulk operation" : "Paginated"} />
          <Fact label="Time throttled by Shopify" value={formatDuration(backfill.throttledMs)} />
          <Fact label="Started" value={backfill.startedAt ? formatDateTime(backfill.startedAt, format) : "Not yet"} />
          <Fact
            label="Finished"
            value={backfill.finishedAt ? formatDateTime(backfill.finishedAt, format) : running ? "In progress" : "—"}
          />
        </InlineGrid>
        <Text as="p" variant="bodySm" tone="subdued">
          Requested {formatDateTime(backfill.createdAt, format)} ({humanize(backfill.reason)}).
        </Text>
      </BlockStack>
    </Card>
  );
}

function Count({
  label,
  imported,
  total,
  locale,
}: {
  label: string;
  imported: number;
  total: number | null;
  locale: string;
}) {
  const pct = progressOf(imported, total);
  return (
    <BlockStack gap="100">
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="headingLg">
        {formatNumber(imported, locale)}
        {total !== null ? ` / ${formatNumber(total, locale)}` : ""}
      </Text>
      {pct !== null ? <ProgressBar progress={pct} size="small" tone={pct >= 100 ? "success" : "highlight"} /> : null}
    </BlockStack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <BlockStack gap="050">
      <Text as="span" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="span">{value}</Text>
    </BlockStack>
  );
}

function SummaryTile({
  label,
  value,
  url,
  linkLabel,
}: {
  label: string;
  value: number;
  url: string;
  linkLabel: string;
}) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="heading2xl">
          {formatNumber(value)}
        </Text>
        <Link url={url} removeUnderline>
          {linkLabel}
        </Link>
      </BlockStack>
    </Card>
  );
}

function PageLink({ url, title, text }: { url: string; title: string; text: string }) {
  return (
    <BlockStack gap="050">
      <Link url={url}>{title}</Link>
      <Text as="p" tone="subdued">
        {text}
      </Text>
    </BlockStack>
  );
}
