// The campaign form: name, segment, channels in fallback order, the variants' messages per channel
// (Liquid, plain text), A/B shares and the winner metric, and when to send. Controlled: the page holds
// the draft so the preview renders exactly what is being typed. Errors arrive keyed by field path.
import {
  BlockStack,
  Button,
  Card,
  Checkbox,
  ChoiceList,
  FormLayout,
  InlineStack,
  Link,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { channelLabel } from "../StatusBadges";
import { CAMPAIGN_CHANNELS, type CampaignChannel, type CampaignVariant } from "../../campaigns/content";
import type { CampaignDraftInput, FieldErrors } from "../../campaigns/editor/draft";

export interface SegmentOption {
  id: string;
  name: string;
  memberCount: number;
}

const LETTERS = ["A", "B", "C", "D"];

const METRIC_OPTIONS = [
  { label: "Choose a metric", value: "" },
  { label: "Clicks per recipient", value: "clicked" },
  { label: "Replies per recipient", value: "replied" },
  { label: "Orders per recipient", value: "orders" },
  { label: "Revenue per recipient", value: "revenue" },
];

/** Splits 100 % as evenly as whole numbers allow (the first variants take the remainder). */
function evenWeights(count: number): number[] {
  const base = Math.floor(100 / count);
  return Array.from({ length: count }, (_, i) => base + (i < 100 - base * count ? 1 : 0));
}

export function CampaignEditor({
  draft,
  onChange,
  errors,
  segments,
  connected,
  timeZone,
}: {
  draft: CampaignDraftInput;
  onChange: (next: CampaignDraftInput) => void;
  errors: FieldErrors;
  segments: SegmentOption[];
  connected: Partial<Record<CampaignChannel, boolean>>;
  timeZone: string;
}) {
  const set = (patch: Partial<CampaignDraftInput>) => onChange({ ...draft, ...patch });
  const setVariant = (index: number, variant: CampaignVariant) =>
    set({ content: { variants: draft.content.variants.map((v, i) => (i === index ? variant : v)) } });

  const toggleChannel = (channel: CampaignChannel, on: boolean) => {
    const channels = on ? [...draft.channels, channel] : draft.channels.filter((c) => c !== channel);
    set({ channels });
  };
  const moveUp = (index: number) => {
    if (index === 0) return;
    const channels = [...draft.channels];
    [channels[index - 1], channels[index]] = [channels[index], channels[index - 1]];
    set({ channels });
  };
  const addVariant = () => {
    const count = draft.content.variants.length + 1;
    const weights = evenWeights(count);
    const template = draft.content.variants[0];
    const variants = [
      ...draft.content.variants,
      { key: LETTERS[count - 1], weight: 0, messages: structuredClone(template?.messages ?? {}) },
    ].map((v, i) => ({ ...v, weight: weights[i] }));
    set({ content: { variants }, winnerMetric: draft.winnerMetric ?? "clicked" });
  };
  const removeVariant = (index: number) => {
    const kept = draft.content.variants.filter((_, i) => i !== index);
    const weights = evenWeights(kept.length);
    set({ content: { variants: kept.map((v, i) => ({ ...v, key: LETTERS[i], weight: weights[i] })) } });
  };

  const segmentChoices = [
    { label: "Choose a segment", value: "" },
    ...segments.map((s) => ({ label: `${s.name} (${s.memberCount} members)`, value: s.id })),
  ];

  return (
    <BlockStack gap="400">
      <Card>
        <FormLayout>
          <TextField
            label="Campaign name"
            value={draft.name}
            onChange={(name) => set({ name })}
            autoComplete="off"
            error={errors.name}
          />
          <Select
            label="Segment"
            options={segmentChoices}
            value={draft.segmentId ?? ""}
            onChange={(value) => set({ segmentId: value || null })}
            error={errors.segmentId}
            helpText={
              segments.length === 0 ? (
                <span>
                  No segments yet: <Link url="/app/segments">build one in Segments</Link>.
                </span>
              ) : undefined
            }
          />
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              Channels, in fallback order
            </Text>
            <Text as="p" tone="subdued">
              Each customer gets the campaign once, on the first of these channels where they can be reached and have
              agreed to marketing.
            </Text>
            <InlineStack gap="400">
              {CAMPAIGN_CHANNELS.map((channel) => (
                <Checkbox
                  key={channel}
                  label={`${channelLabel(channel)}${connected[channel] ? "" : " (not connected)"}`}
                  checked={draft.channels.includes(channel)}
                  onChange={(on) => toggleChannel(channel, on)}
                />
              ))}
            </InlineStack>
            {draft.channels.length > 1 ? (
              <InlineStack gap="200" blockAlign="center">
                {draft.channels.map((channel, i) => (
                  <InlineStack key={channel} gap="100" blockAlign="center">
                    <Text as="span" fontWeight="semibold">
                      {i + 1}. {channelLabel(channel)}
                    </Text>
                    {i > 0 ? (
                      <Button
                        size="micro"
                        onClick={() => moveUp(i)}
                        accessibilityLabel={`Try ${channelLabel(channel)} before ${channelLabel(draft.channels[i - 1])}`}
                      >
                        ↑
                      </Button>
                    ) : null}
                  </InlineStack>
                ))}
              </InlineStack>
            ) : null}
            {errors.channels ? (
              <Text as="p" tone="critical">
                {errors.channels}
              </Text>
            ) : null}
          </BlockStack>
        </FormLayout>
      </Card>

      {draft.content.variants.map((variant, index) => (
        <Card key={variant.key}>
          <BlockStack gap="300">
            <InlineStack align="space-between" blockAlign="center">
              <Text as="h2" variant="headingMd">
                {draft.content.variants.length > 1 ? `Variant ${variant.key}` : "Message"}
              </Text>
              {draft.content.variants.length > 1 ? (
                <Button variant="plain" tone="critical" onClick={() => removeVariant(index)}>
                  {`Remove variant ${variant.key}`}
                </Button>
              ) : null}
            </InlineStack>
            {draft.content.variants.length > 1 ? (
              <TextField
                label={`Share of the audience for variant ${variant.key} (%)`}
                type="number"
                min={1}
                max={100}
                value={String(variant.weight)}
                onChange={(value) => setVariant(index, { ...variant, weight: Math.trunc(Number(value) || 0) })}
                autoComplete="off"
                error={errors[`content.variants.${index}.weight`]}
              />
            ) : null}
            {draft.channels.map((channel) => {
              const message = variant.messages[channel] ?? { body: "" };
              const at = `content.variants.${index}.messages.${channel}`;
              const setMessage = (patch: Partial<typeof message>) =>
                setVariant(index, {
                  ...variant,
                  messages: { ...variant.messages, [channel]: { ...message, ...patch } },
                });
              const name = `${channelLabel(channel)}${draft.content.variants.length > 1 ? ` (variant ${variant.key})` : ""}`;
              return (
                <BlockStack key={channel} gap="200">
                  {channel === "EMAIL" ? (
                    <TextField
                      label={`${name} subject`}
                      value={message.subject ?? ""}
                      onChange={(subject) => setMessage({ subject })}
                      autoComplete="off"
                      error={errors[`${at}.subject`]}
                    />
                  ) : null}
                  {channel === "WHATSAPP" ? (
                    <TextField
                      label={`${name} approved template (Content SID)`}
                      value={message.whatsappContentSid ?? ""}
                      onChange={(sid) => setMessage({ whatsappContentSid: sid.trim() || undefined })}
                      placeholder="HX…"
                      helpText="Campaigns reach customers outside WhatsApp's 24-hour window, so WhatsApp needs an approved template. Variables: 1 = first name, 2 = your store's link."
                      autoComplete="off"
                      error={errors[`${at}.whatsappContentSid`]}
                    />
                  ) : null}
                  <TextField
                    label={`${name} message`}
                    value={message.body}
                    onChange={(body) => setMessage({ body })}
                    multiline={channel === "EMAIL" ? 6 : 3}
                    autoComplete="off"
                    helpText="Liquid: {{ customer.first_name }}, {{ shop.name }}, {{ shop.url }}, {{ unsubscribe_url }} (email)…"
                    error={errors[`${at}.body`]}
                  />
                </BlockStack>
              );
            })}
          </BlockStack>
        </Card>
      ))}

      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd">
              A/B test
            </Text>
            {draft.content.variants.length < LETTERS.length ? (
              <Button onClick={addVariant}>{`Add variant ${LETTERS[draft.content.variants.length]}`}</Button>
            ) : null}
          </InlineStack>
          {draft.content.variants.length > 1 ? (
            <Select
              label="Pick the winner by"
              options={METRIC_OPTIONS}
              value={draft.winnerMetric ?? ""}
              onChange={(value) => set({ winnerMetric: (value || null) as CampaignDraftInput["winnerMetric"] })}
              error={errors.winnerMetric}
            />
          ) : (
            <Text as="p" tone="subdued">
              Add a variant to split the audience and compare them.
            </Text>
          )}
          {errors.content ? (
            <Text as="p" tone="critical">
              {errors.content}
            </Text>
          ) : null}
        </BlockStack>
      </Card>

      <Card>
        <FormLayout>
          <ChoiceList
            title="When it sends"
            choices={[
              { label: `At this time in the shop's zone (${timeZone})`, value: "shop_time" },
              { label: "At this hour in each recipient's own zone", value: "recipient_time" },
            ]}
            selected={[draft.sendMode]}
            onChange={([mode]) => set({ sendMode: mode as CampaignDraftInput["sendMode"] })}
            error={errors.sendMode}
          />
          <TextField
            label={`Send at (${timeZone})`}
            type="datetime-local"
            value={draft.sendAt ?? ""}
            onChange={(value) => set({ sendAt: value || null })}
            helpText="Leave empty to send it now from the review step."
            autoComplete="off"
            error={errors.sendAt}
          />
        </FormLayout>
      </Card>
    </BlockStack>
  );
}
