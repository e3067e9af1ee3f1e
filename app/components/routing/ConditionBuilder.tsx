// The editor's conditions, ALL of which must hold: one row per condition with a field menu and the
// field's own inputs (checkboxes for lists, a comma-separated box for keywords and tags, at least /
// at most and an amount for values). Native inputs throughout, so it works from the keyboard.
import { useState } from "react";
import { BlockStack, Box, Button, ChoiceList, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import {
  ROUTING_CHANNELS,
  ROUTING_HANDOFF_REASONS,
  ROUTING_INTENTS,
  ROUTING_LANGUAGES,
  type RoutingCondition,
} from "../../routing/rule-schema";
import { defaultCondition, splitList, type ConditionDraft } from "./draft";
import { CONDITION_LABELS, valueLabel } from "./rule-text";

const FIELD_OPTIONS = Object.entries(CONDITION_LABELS).map(([value, label]) => ({ value, label }));
const LISTS: Partial<Record<RoutingCondition["field"], readonly string[]>> = {
  channel: ROUTING_CHANNELS,
  language: ROUTING_LANGUAGES,
  intent: ROUTING_INTENTS,
  handoff_reason: ROUTING_HANDOFF_REASONS,
};
const opts = (values: readonly string[]) => values.map((v) => ({ value: v, label: valueLabel(v) }));

function ListBox({ label, values, onChange }: { label: string; values: string[]; onChange: (v: string[]) => void }) {
  const [text, setText] = useState(values.join(", "));
  return (
    <TextField
      label={label}
      helpText="Separate with commas; whole words, upper or lower case alike."
      value={text}
      onChange={(t) => {
        setText(t);
        onChange(splitList(t));
      }}
      autoComplete="off"
    />
  );
}

function ConditionInputs({ c, n, update }: { c: ConditionDraft; n: number; update: (c: ConditionDraft) => void }) {
  const list = LISTS[c.field];
  if (list)
    return (
      <ChoiceList
        title={`${CONDITION_LABELS[c.field]} is any of`}
        allowMultiple
        choices={opts(list)}
        selected={(c.in as string[]) ?? []}
        onChange={(v) => update({ ...c, in: v })}
      />
    );
  switch (c.field) {
    case "keywords":
    case "customer_tags":
      return (
        <ListBox
          key={`${n}-${c.field}`}
          label={c.field === "keywords" ? "Any of these keywords" : "Any of these tags"}
          values={(c.any as string[]) ?? []}
          onChange={(v) => update({ ...c, any: v })}
        />
      );
    case "lifetime_value":
    case "order_value":
      return (
        <InlineStack gap="200" blockAlign="end">
          <Select
            label="Compare"
            options={opts(["gte", "lte"])}
            value={String(c.op)}
            onChange={(op) => update({ ...c, op })}
          />
          <TextField
            label="Amount (shop currency)"
            type="number"
            min={0}
            value={String(c.value ?? "")}
            onChange={(v) => update({ ...c, value: v === "" ? "" : Number(v) })}
            autoComplete="off"
          />
        </InlineStack>
      );
    case "customer_type":
      return (
        <Select
          label="Customer"
          options={opts(["first_time", "returning"])}
          value={String(c.is)}
          onChange={(is) => update({ ...c, is })}
        />
      );
    case "business_hours":
      return (
        <Select
          label="When"
          options={opts(["within", "outside"])}
          value={String(c.is)}
          onChange={(is) => update({ ...c, is })}
        />
      );
    default:
      return null;
  }
}

export function ConditionBuilder({
  conditions,
  onChange,
}: {
  conditions: ConditionDraft[];
  onChange: (c: ConditionDraft[]) => void;
}) {
  const set = (i: number, c: ConditionDraft) => onChange(conditions.map((old, j) => (j === i ? c : old)));
  return (
    <BlockStack gap="300">
      <Text as="h2" variant="headingMd">
        Conditions (all must hold)
      </Text>
      {conditions.length === 0 ? (
        <Text as="p" tone="subdued">
          No conditions: the rule matches every new or reopened conversation.
        </Text>
      ) : null}
      {conditions.map((c, i) => (
        <Box key={i} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
          <BlockStack gap="200">
            <InlineStack gap="200" blockAlign="end" align="space-between">
              <Select
                label={`Condition ${i + 1}`}
                options={FIELD_OPTIONS}
                value={c.field}
                onChange={(field) => set(i, defaultCondition(field as RoutingCondition["field"]))}
              />
              <Button
                onClick={() => onChange(conditions.filter((_, j) => j !== i))}
                accessibilityLabel={`Remove condition ${i + 1}`}
              >
                Remove
              </Button>
            </InlineStack>
            <ConditionInputs c={c} n={i} update={(next) => set(i, next)} />
          </BlockStack>
        </Box>
      ))}
      <InlineStack>
        <Button onClick={() => onChange([...conditions, defaultCondition("channel")])}>Add condition</Button>
      </InlineStack>
    </BlockStack>
  );
}
