// The SLA timer as plain text (app/sla/timer-text.ts): critical tone once overdue, nothing when no
// target runs. The server and the browser may be a minute apart, hence suppressHydrationWarning.
import { Text } from "@shopify/polaris";
import { slaTimerText, type SlaDueTimes } from "../sla/timer-text";

export function SlaTimerText({ due }: { due: SlaDueTimes }) {
  const timer = slaTimerText(due, new Date());
  if (!timer) return null;
  return (
    <Text as="span" tone={timer.overdue ? "critical" : "subdued"}>
      <span suppressHydrationWarning>{timer.text}</span>
    </Text>
  );
}
