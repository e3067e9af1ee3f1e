// The attribution windows of the marketing KPIs: how long after an email open or click, and after
// an SMS/WhatsApp delivery, an order is still credited to the message. Posts to /app/settings/attribution.
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { SaveAttributionResult } from "../../attribution/save-settings.server";
import { MAX_OPEN_CLICK_DAYS, MAX_SMS_DELIVERY_HOURS, type AttributionSettings } from "../../attribution/settings";

export function AttributionSettingsCard({ settings }: { settings: AttributionSettings }) {
  const fetcher = useFetcher<SaveAttributionResult>();
  const [days, setDays] = useState(String(settings.openClickDays));
  const [hours, setHours] = useState(String(settings.smsDeliveryHours));
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  const fieldError = (field: keyof AttributionSettings) =>
    answer && !answer.ok && answer.field === field ? answer.error : undefined;
  return (
    <Card>
      <fetcher.Form method="post" action="/app/settings/attribution">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Attribution windows
          </Text>
          <Text as="p" tone="subdued">
            An order is credited to the latest flow message to that customer that was opened or clicked (email) within
            the first window before the order, or delivered (SMS, WhatsApp and other channels) within the second. The
            Analytics page applies a change to every period at once.
          </Text>
          <TextField
            label="Days after an email open or click"
            name="openClickDays"
            type="number"
            min={1}
            max={MAX_OPEN_CLICK_DAYS}
            value={days}
            onChange={setDays}
            error={fieldError("openClickDays")}
            autoComplete="off"
          />
          <TextField
            label="Hours after an SMS, WhatsApp or other delivery"
            name="smsDeliveryHours"
            type="number"
            min={1}
            max={MAX_SMS_DELIVERY_HOURS}
            value={hours}
            onChange={setHours}
            error={fieldError("smsDeliveryHours")}
            autoComplete="off"
          />
          {answer && !answer.ok ? <Banner tone="critical">{answer.error}</Banner> : null}
          {answer?.ok ? <Banner tone="success">Saved.</Banner> : null}
          <Button submit variant="primary" loading={fetcher.state !== "idle"}>
            Save
          </Button>
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}
