// The Home page's card for the latest Shopify import: status, progress while it runs, the error
// if it failed, counts per record type and timings, and a button to import again.
import type { SerializeFrom } from "@remix-run/node";
import { Banner, BlockStack, Button, Card, InlineGrid, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import type { getLatestBackfill } from "../../admin-queries/home.server";
import { formatDateTime, formatDuration, humanize, type ShopFormat } from "../format";
import { BackfillStatusBadge } from "../StatusBadges";
import { ImportCount } from "./ImportCount";
import { ImportFact } from "./ImportFact";
import { progressOf } from "./progress";

export type Backfill = NonNullable<SerializeFrom<typeof getLatestBackfill>>;

export function BackfillCard({
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

        <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="300">
          <ImportCount
            label="Customers"
            imported={backfill.customersImported}
            total={backfill.customersTotal}
            locale={format.locale}
          />
          <ImportCount
            label="Orders"
            imported={backfill.ordersImported}
            total={backfill.ordersTotal}
            locale={format.locale}
          />
          <ImportCount label="Checkouts" imported={backfill.checkoutsImported} total={null} locale={format.locale} />
          <ImportCount label="Products" imported={backfill.productsImported} total={null} locale={format.locale} />
        </InlineGrid>

        <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="300">
          <ImportFact label="Mode" value={backfill.mode === "BULK" ? "Bulk operation" : "Paginated"} />
          <ImportFact label="Time throttled by Shopify" value={formatDuration(backfill.throttledMs)} />
          <ImportFact
            label="Started"
            value={backfill.startedAt ? formatDateTime(backfill.startedAt, format) : "Not yet"}
          />
          <ImportFact
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
