// One flow on the Flows page: what it does, its on/off switch, when its steps go and its last
// 30 days. The switch only submits through React, so it stays disabled until hydration (decision 0028).
import { Badge, Banner, BlockStack, Button, Card, Checkbox, InlineStack, Text } from "@shopify/polaris";
import { useFetcher } from "@remix-run/react";
import { describeFlowSchedule } from "../flow-format";
import type { ShopFormat } from "../format";
import { isLifecycleKind } from "../../flows/lifecycle/kinds";
import type { FlowKind } from "../../generated/prisma/enums";
import { useHydrated } from "../use-hydrated";
import { FlowFiguresStrip } from "./FlowFiguresStrip";
import type { FlowEntry } from "./page-data";
import { setupNote } from "./setup-note";

/** Lifecycle flows enrol whoever qualifies (the sweep), the others start on a checkout or order event. */
function onHelp(kind: FlowKind): string {
  return isLifecycleKind(kind) ? "On: customers who qualify start this flow." : "On: new triggers start this flow.";
}

export function FlowCard({ entry, format }: { entry: FlowEntry; format: ShopFormat }) {
  const fetcher = useFetcher<{ ok: boolean }>();
  const hydrated = useHydrated();
  const flow = entry.flow;
  const name = flow?.name ?? entry.title;
  const pending = fetcher.formData?.get("enabled");
  const enabled = pending !== undefined && pending !== null ? pending === "true" : Boolean(flow?.enabled);
  const headingId = `flow-${entry.kind.toLowerCase()}`;
  const note = flow ? setupNote(entry.kind, flow.settings) : null;
  return (
    <Card>
      <article aria-labelledby={headingId}>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center" gap="200">
            <Text as="h3" variant="headingMd" id={headingId}>
              {name}
            </Text>
            {enabled ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>}
          </InlineStack>
          <Text as="p">{entry.description}</Text>
          {flow ? (
            <>
              <Checkbox
                label={`Send ${name.toLowerCase()} messages`}
                helpText={enabled ? onHelp(entry.kind) : "Off: this flow sends nothing."}
                checked={enabled}
                disabled={!hydrated || fetcher.state !== "idle"}
                onChange={(checked) =>
                  fetcher.submit({ intent: "toggle", flowId: flow.id, enabled: String(checked) }, { method: "post" })
                }
              />
              {note ? <Banner tone="info">{note}</Banner> : null}
              <Text as="p" tone="subdued">
                {describeFlowSchedule(entry.kind, entry.steps, flow.settings)}
              </Text>
              {entry.figures ? <FlowFiguresStrip figures={entry.figures} format={format} /> : null}
              <InlineStack gap="200">
                <Button url={`/app/flows/${flow.id}`} accessibilityLabel={`Edit ${name}`}>
                  Edit flow
                </Button>
                <Button variant="plain" url={`/app/flows/${flow.id}/log`} accessibilityLabel={`Message log of ${name}`}>
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
      </article>
    </Card>
  );
}
