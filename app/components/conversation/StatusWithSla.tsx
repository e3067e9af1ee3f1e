// The conversation page's title metadata: its status, "SLA breached" while a breached due time is
// still the running one (app/sla/breaches.server.ts), and the SLA timer.
import { Badge, InlineStack } from "@shopify/polaris";
import { SlaTimerText } from "../SlaTimerText";
import { ConversationStatusBadge } from "../StatusBadges";
import type { SlaDueTimes } from "../../sla/timer-text";

type Props = SlaDueTimes & { status: string; slaBreaches: { dueAt: string | Date }[] };

export function StatusWithSla({ conversation }: { conversation: Props }) {
  const running = [conversation.firstResponseDueAt, conversation.nextResponseDueAt, conversation.resolutionDueAt]
    .filter((d) => d !== null)
    .map((d) => new Date(d).getTime());
  const breached = conversation.slaBreaches.some((b) => running.includes(new Date(b.dueAt).getTime()));
  return (
    <InlineStack gap="200" blockAlign="center">
      <ConversationStatusBadge status={conversation.status} />
      {breached ? <Badge tone="critical">SLA breached</Badge> : null}
      <SlaTimerText due={conversation} />
    </InlineStack>
  );
}
