// The editor's actions, carried out in order when the rule matches: assign to a team (round robin or
// least loaded) or a person, set the priority, add tags, send a saved reply, mark as spam.
import { useState } from "react";
import { BlockStack, Box, Button, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { ROUTING_PRIORITIES, ROUTING_STRATEGIES, type RoutingAction } from "../../routing/rule-schema";
import { defaultAction, splitList, type ActionDraft } from "./draft";
import { ACTION_LABELS, valueLabel } from "./rule-text";

type Named = { id: string; name: string };
export interface ActionChoices {
  teams: Named[];
  staff: Named[];
  savedReplies: Named[];
}

const TYPE_OPTIONS = Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label }));
const options = (rows: Named[], none: string) =>
  rows.length ? rows.map((r) => ({ value: r.id, label: r.name })) : [{ value: "", label: none }];

function TagsBox({ tags, onChange }: { tags: string[]; onChange: (t: string[]) => void }) {
  const [text, setText] = useState(tags.join(", "));
  return (
    <TextField
      label="Tags (separate with commas)"
      value={text}
      onChange={(t) => {
        setText(t);
        onChange(splitList(t));
      }}
      autoComplete="off"
    />
  );
}

function ActionInputs({
  a,
  choices,
  update,
}: {
  a: ActionDraft;
  choices: ActionChoices;
  update: (a: ActionDraft) => void;
}) {
  switch (a.type) {
    case "assign_team":
      return (
        <InlineStack gap="200">
          <Select
            label="Team"
            options={options(choices.teams, "No teams yet: add one in Team")}
            value={String(a.teamId ?? "")}
            onChange={(teamId) => update({ ...a, teamId })}
          />
          <Select
            label="Among the team's online members under capacity"
            options={ROUTING_STRATEGIES.map((s) => ({ value: s, label: valueLabel(s) }))}
            value={String(a.strategy)}
            onChange={(strategy) => update({ ...a, strategy })}
          />
        </InlineStack>
      );
    case "assign_person":
      return (
        <Select
          label="Person"
          options={options(choices.staff, "No staff members yet")}
          value={String(a.staffMemberId ?? "")}
          onChange={(staffMemberId) => update({ ...a, staffMemberId })}
        />
      );
    case "set_priority":
      return (
        <Select
          label="Priority"
          options={ROUTING_PRIORITIES.map((p) => ({ value: p, label: valueLabel(p) }))}
          value={String(a.priority)}
          onChange={(priority) => update({ ...a, priority })}
        />
      );
    case "add_tags":
      return <TagsBox tags={(a.tags as string[]) ?? []} onChange={(tags) => update({ ...a, tags })} />;
    case "send_saved_reply":
      return (
        <Select
          label="Saved reply"
          options={options(choices.savedReplies, "No saved replies yet")}
          value={String(a.savedReplyId ?? "")}
          onChange={(savedReplyId) => update({ ...a, savedReplyId })}
        />
      );
    case "mark_spam":
      return (
        <Text as="p" tone="subdued">
          Resolves the conversation at once, tagged spam, with no satisfaction survey.
        </Text>
      );
  }
}

export function ActionBuilder({
  actions,
  choices,
  onChange,
}: {
  actions: ActionDraft[];
  choices: ActionChoices;
  onChange: (a: ActionDraft[]) => void;
}) {
  const set = (i: number, a: ActionDraft) => onChange(actions.map((old, j) => (j === i ? a : old)));
  const firstIds = { team: choices.teams[0]?.id, staff: choices.staff[0]?.id, reply: choices.savedReplies[0]?.id };
  return (
    <BlockStack gap="300">
      <Text as="h2" variant="headingMd">
        Actions
      </Text>
      {actions.map((a, i) => (
        <Box key={i} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
          <BlockStack gap="200">
            <InlineStack gap="200" blockAlign="end" align="space-between">
              <Select
                label={`Action ${i + 1}`}
                options={TYPE_OPTIONS}
                value={a.type}
                onChange={(type) => set(i, defaultAction(type as RoutingAction["type"], firstIds))}
              />
              <Button
                onClick={() => onChange(actions.filter((_, j) => j !== i))}
                accessibilityLabel={`Remove action ${i + 1}`}
              >
                Remove
              </Button>
            </InlineStack>
            <ActionInputs a={a} choices={choices} update={(next) => set(i, next)} />
          </BlockStack>
        </Box>
      ))}
      <InlineStack>
        <Button
          onClick={() =>
            onChange([...actions, defaultAction(choices.teams.length ? "assign_team" : "set_priority", firstIds)])
          }
        >
          Add action
        </Button>
      </InlineStack>
    </BlockStack>
  );
}
