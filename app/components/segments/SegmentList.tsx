// The shop's segments: name (links to the builder), members, last full refresh, state.
import { Link as RemixLink } from "@remix-run/react";
import { Badge, Card, IndexTable, Text } from "@shopify/polaris";
import type { SegmentListItem } from "../../segments/segments.server";
import { formatDateTime, formatNumber, type ShopFormat } from "../format";

export function RefreshBadge({ state }: { state: string }) {
  if (state === "REFRESHING") return <Badge tone="attention">Refreshing</Badge>;
  if (state === "FAILED") return <Badge tone="critical">Refresh failed</Badge>;
  return <Badge tone="success">Up to date</Badge>;
}

export function SegmentList({ segments, format }: { segments: SegmentListItem[]; format: ShopFormat }) {
  return (
    <Card padding="0">
      <IndexTable
        resourceName={{ singular: "segment", plural: "segments" }}
        itemCount={segments.length}
        selectable={false}
        headings={[
          { title: "Segment" },
          { title: "Members", alignment: "end" },
          { title: "Refreshed" },
          { title: "State" },
        ]}
      >
        {segments.map((s, i) => (
          <IndexTable.Row id={s.id} key={s.id} position={i}>
            <IndexTable.Cell>
              <RemixLink to={`/app/segments/${s.id}`}>
                <Text as="span" fontWeight="semibold">
                  {s.name}
                </Text>
              </RemixLink>
              <Text as="p" tone="subdued" variant="bodySm">
                {`${s.conditions} ${s.conditions === 1 ? "condition" : "conditions"}${s.shopifyQuery ? " · Shopify query" : ""}`}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" alignment="end" numeric>
                {formatNumber(s.memberCount, format.locale)}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>{s.refreshedAt ? formatDateTime(s.refreshedAt, format) : "Never"}</IndexTable.Cell>
            <IndexTable.Cell>
              <RefreshBadge state={s.refreshState} />
            </IndexTable.Cell>
          </IndexTable.Row>
        ))}
      </IndexTable>
    </Card>
  );
}
