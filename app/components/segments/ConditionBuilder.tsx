// The segment's conditions: match all or any, one row per condition with a field menu and that
// field's own inputs, Remove on each row and "Add condition" below. Native inputs throughout, so it
// works from the keyboard.
import { useState } from "react";
import { BlockStack, Box, Button, ChoiceList, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import {
  CART_RECOVERY_STATES,
  COMPARISONS,
  CONSENT_PURPOSES,
  ENGAGEMENT_EVENTS,
  MAX_CONDITIONS,
  RFM_GROUPS,
  SEGMENT_CHANNELS,
  type ConditionField,
} from "../../segments/definition";
import {
  CHANNEL_LABELS,
  COMPARISON_LABELS,
  defaultCondition,
  FIELD_LABELS,
  RFM_LABELS,
  type ConditionDraft,
} from "./conditions";

const FIELD_OPTIONS = Object.entries(FIELD_LABELS).map(([value, label]) => ({ value, label }));
const COMPARISON_OPTIONS = COMPARISONS.map((op) => ({ value: op, label: COMPARISON_LABELS[op] }));
const CHANNEL_OPTIONS = SEGMENT_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }));
const humanize = (v: string) => v.charAt(0).toUpperCase() + v.slice(1).toLowerCase().replace(/_/g, " ");

function NumberInput({
  label,
  value,
  onChange,
  min = 0,
}: {
  label: string;
  value: unknown;
  onChange: (v: number | "") => void;
  min?: number;
}) {
  return (
    <TextField
      label={label}
      type="number"
      min={min}
      value={value === "" || value === undefined || value === null ? "" : String(value)}
      onChange={(v) => onChange(v === "" ? "" : Number(v))}
      autoComplete="off"
    />
  );
}

function Comparison({ c, n, label, update }: { c: ConditionDraft; n: number; label: string; update: Update }) {
  return (
    <InlineStack gap="200" blockAlign="end">
      <Select
        label="Compare"
        options={COMPARISON_OPTIONS}
        value={String(c.op)}
        onChange={(op) => update(n, { ...c, op })}
      />
      <NumberInput label={label} value={c.value} onChange={(value) => update(n, { ...c, value })} />
    </InlineStack>
  );
}

function CountryBox({ c, n, update }: { c: ConditionDraft; n: number; update: Update }) {
  const [text, setText] = useState(((c.in as string[]) ?? []).join(", "));
  return (
    <TextField
      label="Country codes"
      helpText="Two-letter codes, separated with commas (US, GB, CA)."
      value={text}
      onChange={(t) => {
        setText(t);
        update(n, {
          ...c,
          in: t
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        });
      }}
      autoComplete="off"
    />
  );
}

type Update = (n: number, c: ConditionDraft) => void;

function ConditionInputs({ c, n, update }: { c: ConditionDraft; n: number; update: Update }) {
  switch (c.field) {
    case "rfm_group":
      return (
        <ChoiceList
          title="RFM group is any of"
          allowMultiple
          choices={RFM_GROUPS.map((g) => ({ value: g, label: RFM_LABELS[g] }))}
          selected={(c.in as string[]) ?? []}
          onChange={(v) => update(n, { ...c, in: v })}
        />
      );
    case "orders_count":
      return <Comparison c={c} n={n} label="Orders" update={update} />;
    case "total_spent":
      return <Comparison c={c} n={n} label="Amount (shop currency)" update={update} />;
    case "days_since_last_order":
      return <Comparison c={c} n={n} label="Days" update={update} />;
    case "csat":
      return <Comparison c={c} n={n} label="Score (1–5)" update={update} />;
    case "country":
      return <CountryBox key={`${n}-country`} c={c} n={n} update={update} />;
    case "consent":
      return (
        <InlineStack gap="200" blockAlign="end">
          <Select
            label="Channel"
            options={CHANNEL_OPTIONS}
            value={String(c.channel)}
            onChange={(channel) => update(n, { ...c, channel })}
          />
          <Select
            label="Purpose"
            options={CONSENT_PURPOSES.map((p) => ({ value: p, label: humanize(p) }))}
            value={String(c.purpose)}
            onChange={(purpose) => update(n, { ...c, purpose })}
          />
          <Select
            label="State"
            options={[
              { value: "granted", label: "Granted (may be messaged)" },
              { value: "revoked", label: "Revoked (opted out)" },
            ]}
            value={String(c.state)}
            onChange={(state) => update(n, { ...c, state })}
          />
        </InlineStack>
      );
    case "last_channel":
      return (
        <ChoiceList
          title="The channel the customer last wrote on is any of"
          allowMultiple
          choices={CHANNEL_OPTIONS}
          selected={(c.in as string[]) ?? []}
          onChange={(v) => update(n, { ...c, in: v })}
        />
      );
    case "open_conversation":
      return (
        <Select
          label="Conversation"
          options={[
            { value: "true", label: "Has an open conversation" },
            { value: "false", label: "Has no open conversation" },
          ]}
          value={String(c.value)}
          onChange={(v) => update(n, { ...c, value: v === "true" })}
        />
      );
    case "engagement":
      return (
        <InlineStack gap="200" blockAlign="end">
          <Select
            label="Did"
            options={[
              { value: "true", label: "Did" },
              { value: "false", label: "Did not" },
            ]}
            labelHidden
            value={String(c.happened)}
            onChange={(v) => update(n, { ...c, happened: v === "true" })}
          />
          <Select
            label="Event"
            options={ENGAGEMENT_EVENTS.map((e) => ({
              value: e,
              label: e === "replied" ? "Reply" : e === "opened" ? "Open an email" : "Click a link",
            }))}
            value={String(c.event)}
            onChange={(event) => update(n, { ...c, event })}
          />
          <NumberInput
            label="Within days"
            min={1}
            value={c.withinDays}
            onChange={(withinDays) => update(n, { ...c, withinDays })}
          />
        </InlineStack>
      );
    case "cart_recovery":
      return (
        <Select
          label="Cart recovery state"
          options={CART_RECOVERY_STATES.map((s) => ({
            value: s,
            label: s === "active" ? "Recovery in progress" : s === "recovered" ? "Recovered a cart" : "None",
          }))}
          value={String(c.state)}
          onChange={(state) => update(n, { ...c, state })}
        />
      );
    case "viewed_product":
      return (
        <InlineStack gap="200" blockAlign="end">
          <TextField
            label="Shopify product id"
            helpText="Leave empty for any product."
            value={c.productId ? String(c.productId) : ""}
            onChange={(v) => update(n, { ...c, productId: v.trim() === "" ? null : v.trim() })}
            autoComplete="off"
          />
          <NumberInput
            label="Within days"
            min={1}
            value={c.withinDays}
            onChange={(withinDays) => update(n, { ...c, withinDays })}
          />
        </InlineStack>
      );
  }
}

export function ConditionBuilder({
  match,
  conditions,
  onChange,
}: {
  match: "all" | "any";
  conditions: ConditionDraft[];
  onChange: (next: { match: "all" | "any"; conditions: ConditionDraft[] }) => void;
}) {
  const update: Update = (n, c) => onChange({ match, conditions: conditions.map((old, i) => (i === n ? c : old)) });
  return (
    <BlockStack gap="300">
      <InlineStack gap="200" blockAlign="center">
        <Text as="h2" variant="headingMd">
          Conditions
        </Text>
        <Select
          label="Customers must match"
          labelInline
          options={[
            { value: "all", label: "all conditions" },
            { value: "any", label: "any condition" },
          ]}
          value={match}
          onChange={(m) => onChange({ match: m as "all" | "any", conditions })}
        />
      </InlineStack>
      {conditions.length === 0 ? (
        <Text as="p" tone="subdued">
          No conditions: every customer of the shop (not merged, not redacted) belongs.
        </Text>
      ) : null}
      {conditions.map((c, n) => (
        <Box key={n} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
          <BlockStack gap="200">
            <InlineStack gap="200" blockAlign="end" align="space-between">
              <Select
                label={`Condition ${n + 1}`}
                options={FIELD_OPTIONS}
                value={c.field}
                onChange={(field) => update(n, defaultCondition(field as ConditionField))}
              />
              <Button
                variant="tertiary"
                tone="critical"
                accessibilityLabel={`Remove condition ${n + 1}`}
                onClick={() => onChange({ match, conditions: conditions.filter((_, i) => i !== n) })}
              >
                Remove
              </Button>
            </InlineStack>
            <ConditionInputs c={c} n={n} update={update} />
          </BlockStack>
        </Box>
      ))}
      <InlineStack>
        <Button
          disabled={conditions.length >= MAX_CONDITIONS}
          onClick={() => onChange({ match, conditions: [...conditions, defaultCondition("rfm_group")] })}
        >
          Add condition
        </Button>
      </InlineStack>
    </BlockStack>
  );
}
