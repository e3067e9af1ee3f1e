// Flow steps still to come (with their due time, the reason and a Cancel button)
// or not sent (with the reason), as the flow log and the customer's timeline show
// them. The reason text comes from the server (app/flows/step-reason.ts).
import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Button, InlineStack, Link, Text } from "@shopify/polaris";
import { formatDateTime, type ShopFormat } from "./format";

export interface FlowStepItem {
  id: string;
  flow: { id: string; name: string };
  customer: { id: string; name: string };
  stepNumber: number;
  state: string;
  dueAt: string;
  endedAt: string;
  reason: string;
  cancellable: boolean;
}

export function FlowStepLine({
  step,
  show,
  format,
}: {
  step: FlowStepItem;
  /** What the line names besides the reason: the customer (flow log) or the flow (timeline). */
  show: "customer" | "flow";
  format: ShopFormat;
}) {
  const waiting = step.cancellable;
  return (
    <div data-testid={waiting ? "upcoming-step" : "not-sent-step"} data-step-id={step.id}>
      <InlineStack align="space-between" blockAlign="center" gap="200" wrap={false}>
        <BlockStack gap="050">
          {/* align is set: unset, Polaris lets it inherit the outer stack's space-between. */}
          <InlineStack gap="200" align="start" blockAlign="center" wrap>
            {waiting ? <Badge tone="info">Upcoming</Badge> : <Badge tone="warning">Not sent</Badge>}
            {show === "customer" ? (
              <Link url={`/app/customers/${step.customer.id}`} removeUnderline>
                {step.customer.name}
              </Link>
            ) : (
              <Text as="span" fontWeight="medium">
                {step.flow.name}
              </Text>
            )}
            <Text as="span" variant="bodySm" tone="subdued">
              step {step.stepNumber}
            </Text>
          </InlineStack>
          <Text as="p">{step.reason}</Text>
          {waiting ? null : (
            <Text as="span" variant="bodySm" tone="subdued">
              {formatDateTime(step.endedAt, format)}
            </Text>
          )}
        </BlockStack>
        {waiting ? <CancelStepButton stepId={step.id} label={`${step.flow.name} step ${step.stepNumber}`} /> : null}
      </InlineStack>
    </div>
  );
}

function CancelStepButton({ stepId, label }: { stepId: string; label: string }) {
  const fetcher = useFetcher<{ ok: boolean; error?: string }>();
  const failed = fetcher.data && !fetcher.data.ok ? fetcher.data.error : null;
  return (
    <BlockStack gap="100" inlineAlign="end">
      <fetcher.Form method="post" action={`/app/flow-steps/${stepId}/cancel`}>
        <Button submit size="slim" loading={fetcher.state !== "idle"} accessibilityLabel={`Cancel ${label}`}>
          Cancel
        </Button>
      </fetcher.Form>
      {failed ? (
        <Text as="span" variant="bodySm" tone="critical">
          {failed}
        </Text>
      ) : null}
    </BlockStack>
  );
}

export function FlowStepList({
  steps,
  show,
  format,
  empty,
}: {
  steps: FlowStepItem[];
  show: "customer" | "flow";
  format: ShopFormat;
  empty?: string;
}) {
  if (steps.length === 0) {
    return empty ? (
      <Text as="p" tone="subdued">
        {empty}
      </Text>
    ) : null;
  }
  return (
    <BlockStack gap="300">
      {steps.map((step) => (
        <FlowStepLine key={step.id} step={step} show={show} format={format} />
      ))}
    </BlockStack>
  );
}
