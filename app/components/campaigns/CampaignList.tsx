// The campaigns table: name (links to the campaign), segment, status, scheduled time in the shop's
// zone and progress (processed of total recipients); an empty state with the call to action.
import { Card, IndexTable, Link, ProgressBar, Text } from "@shopify/polaris";
import { EmptyStateCard } from "../EmptyStateCard";
import { formatDateTime, formatNumber, type ShopFormat } from "../format";
import { CampaignStatusBadge } from "./CampaignStatusBadge";

export interface CampaignListItem {
  id: string;
  name: string;
  segmentName: string | null;
  status: string;
  sendAt: string | null;
  startedAt: string | null;
  total: number;
  done: number;
  sent: number;
}

export function CampaignList({ campaigns, format }: { campaigns: CampaignListItem[]; format: ShopFormat }) {
  if (campaigns.length === 0) {
    return (
      <EmptyStateCard heading="No campaigns yet" action={{ content: "Create campaign", url: "/app/campaigns/new" }}>
        <p>
          Send a one-off or scheduled message to a segment on SMS, WhatsApp or email, with a fallback channel, an A/B
          test and results down to the orders it brought in.
        </p>
      </EmptyStateCard>
    );
  }
  return (
    <Card padding="0">
      <IndexTable
        resourceName={{ singular: "campaign", plural: "campaigns" }}
        itemCount={campaigns.length}
        selectable={false}
        headings={[
          { title: "Campaign" },
          { title: "Segment" },
          { title: "Status" },
          { title: "Scheduled for" },
          { title: "Progress" },
        ]}
      >
        {campaigns.map((c, i) => (
          <IndexTable.Row id={c.id} key={c.id} position={i}>
            <IndexTable.Cell>
              <Link url={`/app/campaigns/${c.id}`} removeUnderline>
                <Text as="span" fontWeight="semibold">
                  {c.name}
                </Text>
              </Link>
            </IndexTable.Cell>
            <IndexTable.Cell>{c.segmentName ?? "—"}</IndexTable.Cell>
            <IndexTable.Cell>
              <CampaignStatusBadge status={c.status} />
            </IndexTable.Cell>
            <IndexTable.Cell>
              {c.sendAt ? formatDateTime(c.sendAt, format) : c.startedAt ? "Sent at once" : "—"}
            </IndexTable.Cell>
            <IndexTable.Cell>
              {c.total > 0 ? (
                <div style={{ minWidth: 160 }}>
                  <ProgressBar
                    progress={Math.round((c.done / c.total) * 100)}
                    size="small"
                    tone={c.status === "CANCELLED" ? "critical" : c.done === c.total ? "success" : "highlight"}
                  />
                  <Text as="span" variant="bodySm" tone="subdued">
                    {formatNumber(c.done, format.locale)} of {formatNumber(c.total, format.locale)} processed ·{" "}
                    {formatNumber(c.sent, format.locale)} sent
                  </Text>
                </div>
              ) : (
                <Text as="span" tone="subdued">
                  Not started
                </Text>
              )}
            </IndexTable.Cell>
          </IndexTable.Row>
        ))}
      </IndexTable>
    </Card>
  );
}
