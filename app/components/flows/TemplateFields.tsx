// One template's fields: the email subject, the message and, for WhatsApp, the approved template SID.
import { Text, TextField } from "@shopify/polaris";
import type { TemplateState } from "../../flows/editor-state";
import type { EditableChannel } from "../flow-format";
import { channelLabel } from "../StatusBadges";

export function TemplateFields({
  stepKey,
  channel,
  template,
  subjectError,
  bodyError,
  sidError,
  onChange,
}: {
  stepKey: string;
  channel: EditableChannel;
  template: TemplateState | null;
  subjectError: string | undefined;
  bodyError: string | undefined;
  sidError: string | undefined;
  onChange: (patch: Partial<TemplateState>) => void;
}) {
  if (!template) {
    return (
      <Text as="p" tone="subdued">
        No {channelLabel(channel)} template for this step. Add a language to write one.
      </Text>
    );
  }
  return (
    <>
      {channel === "EMAIL" ? (
        <TextField
          label="Subject"
          autoComplete="off"
          value={template.subject}
          onChange={(subject) => onChange({ subject })}
          error={subjectError}
        />
      ) : null}
      <TextField
        id={`${stepKey}-${channel}-body`}
        label={`${channelLabel(channel)} message (${template.locale})`}
        multiline={channel === "EMAIL" ? 10 : 5}
        autoComplete="off"
        monospaced
        value={template.body}
        onChange={(body) => onChange({ body })}
        helpText="Liquid, with Shopify-style variables: {{ customer.first_name }}, {{ shop.name }}, {{ checkout.abandoned_checkout_url }}, {{ order.name }}, {{ fulfillment.tracking_url }}, {% for p in recommendations %}{{ p.title }} {{ p.url }}{% endfor %}…"
        error={bodyError}
      />
      {channel === "WHATSAPP" ? (
        <TextField
          label="Approved WhatsApp template (Content SID)"
          helpText="Used when the customer has not written in the last 24 hours. Without it, the next channel is tried."
          autoComplete="off"
          placeholder="HX…"
          value={template.whatsappContentSid}
          onChange={(whatsappContentSid) => onChange({ whatsappContentSid })}
          error={sidError}
        />
      ) : null}
    </>
  );
}
