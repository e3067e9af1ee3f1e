// Teams: create, rename, delete, add and remove members, choose the lead (a member).
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { TEAM_ACTION, type MemberRow, type TeamActionResult, type TeamRow } from "./types";

function ErrorOf({ answer }: { answer: TeamActionResult | undefined }) {
  return answer && !answer.ok ? <Banner tone="critical">{answer.error}</Banner> : null;
}

function CreateTeamForm() {
  const fetcher = useFetcher<TeamActionResult>();
  const [name, setName] = useState("");
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  // Created: the field empties for the next one.
  useEffect(() => {
    if (answer?.ok) setName("");
  }, [answer]);
  return (
    <fetcher.Form method="post" action={TEAM_ACTION}>
      <input type="hidden" name="intent" value="create-team" />
      <InlineStack gap="200" blockAlign="end">
        <TextField
          label="New team"
          name="name"
          value={name}
          onChange={setName}
          autoComplete="off"
          error={answer && !answer.ok ? answer.error : undefined}
        />
        <Button submit variant="primary" loading={fetcher.state !== "idle"}>
          Create team
        </Button>
      </InlineStack>
    </fetcher.Form>
  );
}

function TeamSection({ team, members }: { team: TeamRow; members: MemberRow[] }) {
  const fetcher = useFetcher<TeamActionResult>();
  const [name, setName] = useState(team.name);
  const inTeam = members.filter((m) => team.memberIds.includes(m.id));
  const others = members.filter((m) => !team.memberIds.includes(m.id));
  const [toAdd, setToAdd] = useState(others[0]?.id ?? "");
  const lead = inTeam.find((m) => m.userId === team.leadUserId);
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  const busy = fetcher.state !== "idle";
  const send = (fields: Record<string, string>) =>
    fetcher.submit({ teamId: team.id, ...fields }, { method: "post", action: TEAM_ACTION });
  return (
    <section aria-label={`Team ${team.name}`} data-team={team.id}>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="end">
          <TextField label="Team name" value={name} onChange={setName} autoComplete="off" />
          <Button onClick={() => send({ intent: "rename-team", name })} disabled={busy || name === team.name}>
            Rename
          </Button>
          <Button tone="critical" onClick={() => send({ intent: "delete-team" })} disabled={busy}>
            Delete team
          </Button>
        </InlineStack>
        {inTeam.length === 0 ? (
          <Text as="p" tone="subdued">
            No members yet: add someone below.
          </Text>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {inTeam.map((m) => (
              <li key={m.id}>
                <InlineStack gap="200" blockAlign="center">
                  <Text as="span">
                    {m.name}
                    {m.userId === team.leadUserId ? " · Lead" : ""}
                  </Text>
                  <Button
                    variant="plain"
                    onClick={() => send({ intent: "remove-member", memberId: m.id })}
                    disabled={busy}
                    accessibilityLabel={`Remove ${m.name} from ${team.name}`}
                  >
                    Remove
                  </Button>
                </InlineStack>
              </li>
            ))}
          </ul>
        )}
        <InlineStack gap="200" blockAlign="end">
          {others.length > 0 ? (
            <>
              <Select
                label="Add member"
                options={others.map((m) => ({ label: m.name, value: m.id }))}
                value={toAdd || others[0].id}
                onChange={setToAdd}
              />
              <Button onClick={() => send({ intent: "add-member", memberId: toAdd || others[0].id })} disabled={busy}>
                Add
              </Button>
            </>
          ) : null}
          {inTeam.length > 0 ? (
            <Select
              label="Team lead"
              options={[{ label: "No lead", value: "" }, ...inTeam.map((m) => ({ label: m.name, value: m.id }))]}
              value={lead?.id ?? ""}
              onChange={(memberId) => send({ intent: "set-lead", memberId })}
            />
          ) : null}
        </InlineStack>
        <ErrorOf answer={answer} />
      </BlockStack>
    </section>
  );
}

export function TeamsCard({ teams, members }: { teams: TeamRow[]; members: MemberRow[] }) {
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Teams
        </Text>
        <Text as="p" tone="subdued">
          Conversations can be assigned to a team; its lead is who escalations go to.
        </Text>
        {teams.length === 0 ? (
          <Text as="p" tone="subdued">
            No teams yet. Create one, then add members.
          </Text>
        ) : (
          teams.map((t) => <TeamSection key={`${t.id}:${t.name}`} team={t} members={members} />)
        )}
        <CreateTeamForm />
      </BlockStack>
    </Card>
  );
}
