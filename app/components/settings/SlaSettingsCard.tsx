// The SLA card: on/off and, per priority, first response, next response and resolution targets in
// minutes (empty: none) counted in business hours or around the clock. Posts to /app/settings/sla.
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, InlineGrid, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { SaveSlaResult } from "../../sla/save-settings.server";
import { SLA_METRIC_FIELDS, SLA_PRIORITIES, type SlaPolicy, type SlaSettings } from "../../sla/settings";

const METRIC_LABELS = {
  firstResponseMinutes: "First response (minutes)",
  nextResponseMinutes: "Next response (minutes)",
  resolutionMinutes: "Resolution (minutes)",
} as const;

const MODE_OPTIONS = [
  { label: "Business hours", value: "business_hours" },
  { label: "Around the clock", value: "around_the_clock" },
];

function PolicyFields({ priority, policy }: { priority: string; policy: SlaPolicy }) {
  const [values, setValues] = useState(() =>
    Object.fromEntries(SLA_METRIC_FIELDS.map((m) => [m, policy[m] === null ? "" : String(policy[m])])),
  );
  const [mode, setMode] = useState<string>(policy.mode);
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        {priority.charAt(0) + priority.slice(1).toLowerCase()} priority
      </Text>
      <InlineGrid columns={{ xs: 1, md: 4 }} gap="200">
        {SLA_METRIC_FIELDS.map((m) => (
          <TextField
            key={m}
            label={METRIC_LABELS[m]}
            name={`${priority}.${m}`}
            type="number"
            min={1}
            value={values[m]}
            onChange={(v) => setValues((old) => ({ ...old, [m]: v }))}
            autoComplete="off"
          />
        ))}
        <Select label="Counted" name={`${priority}.mode`} options={MODE_OPTIONS} value={mode} onChange={setMode} />
      </InlineGrid>
    </BlockStack>
  );
}

export function SlaSettingsCard({ settings }: { settings: SlaSettings }) {
  const fetcher = useFetcher<SaveSlaResult>();
  const [enabled, setEnabled] = useState(settings.enabled);
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  return (
    <Card>
      <fetcher.Form method="post" action="/app/settings/sla">
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            Response targets
          </Text>
          <Text as="p" tone="subdued">
            Timers start with a customer message and show in the inbox. A missed target is recorded, raises the priority
            one step and fires the Shopify Flow trigger “SLA breached”. Business hours follow the Business hours page,
            holidays included. Leave a target empty for none.
          </Text>
          <input type="hidden" name="enabled" value={enabled ? "on" : "off"} />
          <Checkbox label="Track SLAs" checked={enabled} onChange={setEnabled} />
          {[...SLA_PRIORITIES].reverse().map((p) => (
            <PolicyFields key={p} priority={p} policy={settings.policies[p]} />
          ))}
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
