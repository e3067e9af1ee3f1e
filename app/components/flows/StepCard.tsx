// One step of the flow: its wait, its channel preference and its templates.
import {
  BlockStack,
  Button,
  Card,
  FormLayout,
  InlineGrid,
  InlineStack,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import type { StepState } from "../../flows/editor-state";
import type { FlowSaveError } from "../../flows/update-flow.server";
import { describeWaitStart, type DelayUnit } from "../flow-format";
import { ChannelPreference } from "./ChannelPreference";
import { TemplateEditor } from "./TemplateEditor";

const UNIT_OPTIONS = [
  { label: "minutes", value: "minutes" },
  { label: "hours", value: "hours" },
  { label: "days", value: "days" },
];

export function StepCard(props: {
  flowId: string;
  flowKind: string;
  index: number;
  count: number;
  step: StepState;
  customerId: string;
  customerLocale: string | null;
  primaryLocale: string;
  errors: FlowSaveError[];
  onChange: (step: StepState) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}) {
  const { step, index, count, onChange } = props;
  const headingId = `${step.key}-heading`;
  const delayError = props.errors.find((e) => e.field === "delayMinutes")?.message;
  const channelsError = props.errors.find((e) => e.field === "channels")?.message;
  return (
    <Card>
      <section aria-labelledby={headingId} data-testid={`step-${index + 1}`}>
        <BlockStack gap="400">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd" id={headingId}>
              Step {index + 1}
            </Text>
            <InlineStack gap="200">
              <Button size="slim" onClick={() => props.onMove(-1)} disabled={index === 0}>
                Move up
              </Button>
              <Button size="slim" onClick={() => props.onMove(1)} disabled={index === count - 1}>
                Move down
              </Button>
              <Button size="slim" tone="critical" onClick={props.onRemove} disabled={count <= 1}>
                Remove step
              </Button>
            </InlineStack>
          </InlineStack>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
            <FormLayout>
              <FormLayout.Group condensed>
                <TextField
                  label="Wait"
                  type="number"
                  min={0}
                  autoComplete="off"
                  value={step.delayValue}
                  onChange={(delayValue) => onChange({ ...step, delayValue })}
                  error={delayError}
                  helpText={describeWaitStart(props.flowKind, index)}
                />
                <Select
                  label="Unit"
                  options={UNIT_OPTIONS}
                  value={step.delayUnit}
                  onChange={(unit) => onChange({ ...step, delayUnit: unit as DelayUnit })}
                />
              </FormLayout.Group>
            </FormLayout>
            <ChannelPreference step={step} error={channelsError} onChange={onChange} />
          </InlineGrid>
          <TemplateEditor
            flowId={props.flowId}
            step={step}
            customerId={props.customerId}
            customerLocale={props.customerLocale}
            primaryLocale={props.primaryLocale}
            errors={props.errors}
            onChange={onChange}
          />
        </BlockStack>
      </section>
    </Card>
  );
}
