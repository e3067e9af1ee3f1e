// Status, snooze, assignment, priority and tags of one conversation.
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Divider, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { formatDateTime, humanize } from "../format";
import { Detail } from "./Detail";
import type { ConversationAction, ConversationLoader, ConversationPageData } from "./page-data";

export function ConversationControls() {
  const { conversation, staff, format, assignable } = useLoaderData<ConversationLoader>();
  const fetcher = useFetcher<ConversationAction>();
  const [tags, setTags] = useState(conversation.tags.join(", "));
  const [snoozeFor, setSnoozeFor] = useState("1d");
  useEffect(() => setTags(conversation.tags.join(", ")), [conversation.tags]);
  const submit = (values: Record<string, string>) => fetcher.submit(values, { method: "post" });
  const error = fetcher.data && !fetcher.data.ok ? fetcher.data.error : null;
  const mine = conversation.assigneeId === staff.id;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Conversation
        </Text>
        {error ? (
          <Banner tone="critical">
            <Text as="p">{error}</Text>
          </Banner>
        ) : null}
        <InlineStack gap="200" wrap>
          {conversation.status !== "RESOLVED" ? (
            <Button variant="primary" onClick={() => submit({ intent: "status", status: "RESOLVED" })}>
              Resolve
            </Button>
          ) : (
            <Button onClick={() => submit({ intent: "status", status: "OPEN" })}>Reopen</Button>
          )}
          {conversation.status !== "PENDING" ? (
            <Button onClick={() => submit({ intent: "status", status: "PENDING" })}>Mark pending</Button>
          ) : (
            <Button onClick={() => submit({ intent: "status", status: "OPEN" })}>Mark open</Button>
          )}
        </InlineStack>
        <InlineStack gap="200" blockAlign="end">
          <Select
            label="Snooze for"
            options={[
              { label: "1 hour", value: "1h" },
              { label: "4 hours", value: "4h" },
              { label: "1 day", value: "1d" },
              { label: "1 week", value: "1w" },
            ]}
            value={snoozeFor}
            onChange={setSnoozeFor}
          />
          <Button onClick={() => submit({ intent: "status", status: "SNOOZED", snoozeFor })}>Snooze</Button>
        </InlineStack>
        {conversation.snoozedUntil ? (
          <Detail label="Snoozed until" value={formatDateTime(conversation.snoozedUntil, format)} />
        ) : null}
        {conversation.waitingForPersonSince ? (
          <Detail
            label="Waiting for a person since"
            value={`${formatDateTime(conversation.waitingForPersonSince, format)}${
              conversation.handoffReason ? ` (${conversation.handoffReason})` : ""
            }`}
          />
        ) : null}
        <Divider />
        <Detail label="Assigned to" value={conversation.assigneeName ?? "Unassigned"} />
        <InlineStack gap="200">
          {!mine ? <Button onClick={() => submit({ intent: "assign", assignee: "me" })}>Assign to me</Button> : null}
          {conversation.assigneeId ? (
            <Button onClick={() => submit({ intent: "assign", assignee: "" })}>Unassign</Button>
          ) : null}
        </InlineStack>
        <AssignPickers
          assigneeId={conversation.assigneeId}
          teamId={conversation.teamId}
          assignable={assignable}
          submit={submit}
        />
        <Select
          label="Priority"
          options={["LOW", "NORMAL", "HIGH", "URGENT"].map((p) => ({ label: humanize(p), value: p }))}
          value={conversation.priority}
          onChange={(priority) => submit({ intent: "priority", priority })}
        />
        <fetcher.Form
          method="post"
          onSubmit={(e) => {
            e.preventDefault();
            submit({ intent: "tags", tags });
          }}
        >
          <InlineStack gap="200" blockAlign="end" wrap={false}>
            <div style={{ flex: 1 }}>
              <TextField
                label="Tags"
                helpText="Separate tags with commas."
                autoComplete="off"
                value={tags}
                onChange={setTags}
              />
            </div>
            <Button submit>Save tags</Button>
          </InlineStack>
        </fetcher.Form>
        <Divider />
        <Detail label="Started" value={formatDateTime(conversation.startedAt, format)} />
        {conversation.resolvedAt ? (
          <Detail label="Resolved" value={formatDateTime(conversation.resolvedAt, format)} />
        ) : null}
      </BlockStack>
    </Card>
  );
}

/** Any staff member of the shop (with their availability and load) and any team. */
function AssignPickers({
  assigneeId,
  teamId,
  assignable,
  submit,
}: {
  assigneeId: string | null;
  teamId: string | null;
  assignable: ConversationPageData["assignable"];
  submit: (values: Record<string, string>) => void;
}) {
  const people = assignable.members.map((m) => ({
    label: `${m.name} (${m.availability === "ONLINE" ? "online" : "away"}, ${m.openAssigned}${
      m.capacity !== null ? ` of ${m.capacity}` : ""
    } open)`,
    value: m.userId,
  }));
  const known = !assigneeId || people.some((p) => p.value === assigneeId);
  return (
    <>
      <Select
        label="Assignee"
        options={[
          { label: "Unassigned", value: "" },
          ...(known ? [] : [{ label: "Someone else", value: assigneeId ?? "" }]),
          ...people,
        ]}
        value={assigneeId ?? ""}
        onChange={(assignee) => submit({ intent: "assign", assignee })}
      />
      <Select
        label="Team"
        options={[{ label: "No team", value: "" }, ...assignable.teams.map((t) => ({ label: t.name, value: t.id }))]}
        value={teamId ?? ""}
        onChange={(value) => submit({ intent: "assign-team", teamId: value })}
        helpText={assignable.teams.length === 0 ? "Create teams under Team." : undefined}
      />
    </>
  );
}
