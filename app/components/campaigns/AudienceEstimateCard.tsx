// The review step: what would happen to the segment's members if the saved campaign went out at its
// time (app/campaigns/audience/estimate.server.ts), then Schedule or Send now, each confirmed.
import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DataTable, InlineStack, Modal, Text } from "@shopify/polaris";
import { channelLabel } from "../StatusBadges";
import { formatDateTime, formatNumber, type ShopFormat } from "../format";
import type { AudienceEstimate } from "../../campaigns/audience/estimate.server";

type Answer = { ok: true } | { ok: false; error: string };

export function AudienceEstimateCard({
  estimate,
  sendAt,
  dirty,
  action,
  format,
}: {
  estimate: AudienceEstimate | null;
  sendAt: string | null;
  dirty: boolean;
  action: string;
  format: ShopFormat;
}) {
  const fetcher = useFetcher<Answer>();
  const [confirming, setConfirming] = useState<"schedule" | "send_now" | null>(null);
  const n = (value: number) => formatNumber(value, format.locale);
  const submit = (intent: "schedule" | "send_now") => {
    fetcher.submit({ intent }, { method: "post", action });
    setConfirming(null);
  };
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Review and send
        </Text>
        {dirty ? (
          <Banner tone="warning">You have unsaved changes: save the draft to update the audience.</Banner>
        ) : null}
        {fetcher.data && !fetcher.data.ok ? <Banner tone="critical">{fetcher.data.error}</Banner> : null}
        {!estimate ? (
          <Text as="p" tone="subdued">
            Choose a segment and save the draft to see who will receive it.
          </Text>
        ) : (
          <BlockStack gap="200">
            <Text as="p">
              {`Estimated for ${formatDateTime(estimate.sendAt, format)}${
                estimate.sendMode === "recipient_time" ? " (that hour in each recipient's zone)" : ""
              }.`}
            </Text>
            <DataTable
              columnContentTypes={["text", "numeric"]}
              headings={["Audience", "Customers"]}
              rows={[
                ["Members of the segment", n(estimate.members)],
                ["Will receive", n(estimate.willReceive)],
                [
                  `Delayed by quiet hours (sent from ${estimate.quietHours.start} in their zone, not dropped)`,
                  n(estimate.delayedByQuietHours),
                ],
                ["Skipped: no marketing consent", n(estimate.skipped.noConsent)],
                ["Skipped: no reachable channel", n(estimate.skipped.noReachableChannel)],
                [
                  `Skipped: frequency cap (${estimate.frequencyCap.maxPerWindow} per ${estimate.frequencyCap.windowHours} h)`,
                  n(estimate.skipped.capped),
                ],
              ]}
            />
            <DataTable
              columnContentTypes={["text", "numeric", "numeric", "numeric"]}
              headings={["Channel (fallback order)", "Reachable", "With marketing consent", "Will get it here"]}
              rows={estimate.channels.map((c) => [
                `${channelLabel(c.channel)}${c.connected ? "" : " (not connected)"}`,
                n(c.reachable),
                n(c.consented),
                n(c.chosen),
              ])}
            />
          </BlockStack>
        )}
        <InlineStack gap="200">
          <Button
            variant="primary"
            disabled={!estimate || dirty || !sendAt}
            loading={fetcher.state !== "idle" && fetcher.formData?.get("intent") === "schedule"}
            onClick={() => setConfirming("schedule")}
          >
            Schedule
          </Button>
          <Button
            disabled={!estimate || dirty}
            loading={fetcher.state !== "idle" && fetcher.formData?.get("intent") === "send_now"}
            onClick={() => setConfirming("send_now")}
          >
            Send now
          </Button>
        </InlineStack>
      </BlockStack>
      <Modal
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming === "schedule" ? "Schedule this campaign?" : "Send this campaign now?"}
        primaryAction={{
          content: confirming === "schedule" ? "Schedule campaign" : "Send campaign now",
          onAction: () => confirming && submit(confirming),
        }}
        secondaryActions={[{ content: "Keep editing", onAction: () => setConfirming(null) }]}
      >
        <Modal.Section>
          <Text as="p">
            {estimate
              ? `About ${n(estimate.willReceive)} customers will receive it${
                  confirming === "schedule" && sendAt ? ` from ${formatDateTime(sendAt, format)}` : ""
                }. Nobody receives it twice; you can pause or cancel while it sends.`
              : ""}
          </Text>
        </Modal.Section>
      </Modal>
    </Card>
  );
}
