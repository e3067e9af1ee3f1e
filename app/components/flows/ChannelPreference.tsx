// A step's channels in preference order, each on or off, reordered with up and down buttons.
import { BlockStack, Button, Checkbox, InlineError, InlineStack, Text } from "@shopify/polaris";
import { swapAt, type StepState } from "../../flows/editor-state";
import { channelLabel } from "../StatusBadges";

export function ChannelPreference({
  step,
  error,
  onChange,
}: {
  step: StepState;
  error: string | undefined;
  onChange: (step: StepState) => void;
}) {
  const moveChannel = (i: number, by: number) => {
    const channels = swapAt(step.channels, i, by);
    if (channels !== step.channels) onChange({ ...step, channels });
  };
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        Channel preference
      </Text>
      <Text as="p" variant="bodySm" tone="subdued">
        The first channel the customer can be reached on and agreed to is used.
      </Text>
      <ol style={{ margin: 0, paddingLeft: 0, listStyle: "none" }}>
        {step.channels.map((c, i) => (
          <li key={c.channel}>
            <InlineStack align="space-between" blockAlign="center" gap="200">
              <Checkbox
                label={`${i + 1}. ${channelLabel(c.channel)}`}
                checked={c.on}
                onChange={(on) =>
                  onChange({
                    ...step,
                    channels: step.channels.map((x, j) => (j === i ? { ...x, on } : x)),
                  })
                }
              />
              <InlineStack gap="100">
                <Button
                  size="micro"
                  onClick={() => moveChannel(i, -1)}
                  disabled={i === 0}
                  accessibilityLabel={`Move ${channelLabel(c.channel)} up`}
                >
                  ↑
                </Button>
                <Button
                  size="micro"
                  onClick={() => moveChannel(i, 1)}
                  disabled={i === step.channels.length - 1}
                  accessibilityLabel={`Move ${channelLabel(c.channel)} down`}
                >
                  ↓
                </Button>
              </InlineStack>
            </InlineStack>
          </li>
        ))}
      </ol>
      {error ? <InlineError message={error} fieldID={`${step.key}-channels`} /> : null}
    </BlockStack>
  );
}
