// Progress of a scheduled or sending campaign (the engine's campaignProgress): a bar of recipients
// processed, the counts and skip reasons, and Pause / Resume / Cancel, each confirmed first.
import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Modal, ProgressBar, Text } from "@shopify/polaris";
import { formatDateTime, formatNumber, type ShopFormat } from "../format";

export interface ProgressView {
  total: number;
  pending: number;
  sending: number;
  sent: number;
  skipped: number;
  failed: number;
  cancelled: number;
  skipReasons?: Record<string, number> | Array<{ reason: string; count: number }> | null;
}

type Intent = "pause" | "resume" | "cancel";
type Answer = { ok: true } | { ok: false; error: string };

const CONFIRM: Record<Intent, { title: string; text: string; button: string }> = {
  pause: {
    title: "Pause this campaign?",
    text: "Messages already on their way still go out; nobody else gets it until you resume.",
    button: "Pause campaign",
  },
  resume: {
    title: "Resume this campaign?",
    text: "The remaining recipients get it, each once, within quiet hours and the frequency cap.",
    button: "Resume campaign",
  },
  cancel: {
    title: "Cancel this campaign?",
    text: "Recipients who have not received it yet never will. This cannot be undone.",
    button: "Cancel campaign",
  },
};

/** The engine's skip and failure reasons (app/campaigns/engine/decide-recipient.ts) in words; provider codes as they are. */
const REASON_LABEL: Record<string, string> = {
  no_consent: "no marketing consent",
  opted_out: "opted out",
  no_channel: "no reachable channel",
  capped: "frequency cap",
  template_error: "template error",
  no_variant: "no message for the channel",
  needs_review: "needs review",
  failed: "failed",
};

function reasons(view: ProgressView): Array<{ reason: string; count: number }> {
  const raw = view.skipReasons;
  if (!raw) return [];
  if (Array.isArray(raw)) return raw;
  return Object.entries(raw).map(([reason, count]) => ({ reason, count }));
}

export function ProgressCard({
  progress,
  status,
  sendAt,
  action,
  format,
}: {
  progress: ProgressView | null;
  status: string;
  sendAt: string | null;
  action: string;
  format: ShopFormat;
}) {
  const fetcher = useFetcher<Answer>();
  const [confirming, setConfirming] = useState<Intent | null>(null);
  const n = (value: number) => formatNumber(value, format.locale);
  const p = progress ?? { total: 0, pending: 0, sending: 0, sent: 0, skipped: 0, failed: 0, cancelled: 0 };
  const done = p.sent + p.skipped + p.failed + p.cancelled;
  const percent = p.total > 0 ? Math.round((done / p.total) * 100) : 0;
  const busy = fetcher.state !== "idle";
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Progress
        </Text>
        {fetcher.data && !fetcher.data.ok ? <Banner tone="critical">{fetcher.data.error}</Banner> : null}
        {status === "SCHEDULED" ? (
          <Text as="p">{sendAt ? `Scheduled for ${formatDateTime(sendAt, format)}.` : "Starting now."}</Text>
        ) : null}
        <ProgressBar
          progress={percent}
          tone={status === "CANCELLED" ? "critical" : status === "COMPLETED" ? "success" : "highlight"}
          ariaLabelledBy="campaign-progress-label"
        />
        <Text as="p" id="campaign-progress-label">
          {p.total > 0
            ? `${n(done)} of ${n(p.total)} recipients processed (${percent} %): ${n(p.sent)} sent, ${n(p.skipped)} skipped, ${n(p.failed)} failed, ${n(p.pending + p.sending)} waiting${p.cancelled ? `, ${n(p.cancelled)} cancelled` : ""}`
            : "The audience is resolved when the campaign starts."}
        </Text>
        {reasons(p).length ? (
          <Text as="p" tone="subdued">
            {`Not sent: ${reasons(p)
              .map((r) => `${REASON_LABEL[r.reason] ?? `provider error ${r.reason}`} ${n(r.count)}`)
              .join(", ")}`}
          </Text>
        ) : null}
        <InlineStack gap="200">
          {status === "SENDING" ? (
            <Button onClick={() => setConfirming("pause")} loading={busy}>
              Pause
            </Button>
          ) : null}
          {status === "PAUSED" ? (
            <Button variant="primary" onClick={() => setConfirming("resume")} loading={busy}>
              Resume
            </Button>
          ) : null}
          {status === "SENDING" || status === "PAUSED" || status === "SCHEDULED" ? (
            <Button tone="critical" onClick={() => setConfirming("cancel")} loading={busy}>
              Cancel campaign
            </Button>
          ) : null}
        </InlineStack>
      </BlockStack>
      <Modal
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming ? CONFIRM[confirming].title : ""}
        primaryAction={{
          content: confirming ? CONFIRM[confirming].button : "",
          destructive: confirming === "cancel",
          onAction: () => {
            if (confirming) fetcher.submit({ intent: confirming }, { method: "post", action });
            setConfirming(null);
          },
        }}
        secondaryActions={[{ content: "Go back", onAction: () => setConfirming(null) }]}
      >
        <Modal.Section>
          <Text as="p">{confirming ? CONFIRM[confirming].text : ""}</Text>
        </Modal.Section>
      </Modal>
    </Card>
  );
}
