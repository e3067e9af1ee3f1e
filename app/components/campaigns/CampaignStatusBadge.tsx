// One tone and label per campaign status, on the list and the campaign page.
import { Badge, type BadgeProps } from "@shopify/polaris";

const STATUS: Record<string, { label: string; tone: BadgeProps["tone"] }> = {
  DRAFT: { label: "Draft", tone: undefined },
  SCHEDULED: { label: "Scheduled", tone: "info" },
  SENDING: { label: "Sending", tone: "attention" },
  PAUSED: { label: "Paused", tone: "warning" },
  COMPLETED: { label: "Sent", tone: "success" },
  CANCELLED: { label: "Cancelled", tone: "critical" },
};

export function campaignStatusLabel(status: string): string {
  return STATUS[status]?.label ?? status;
}

export function CampaignStatusBadge({ status }: { status: string }) {
  const s = STATUS[status] ?? { label: status, tone: undefined };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}
