// Staff members of the shop: name, email, availability, capacity (editable) and the open
// conversations assigned to each now. People appear once they have opened Threadline.
import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { EmptyStateCard } from "../EmptyStateCard";
import { TEAM_ACTION, type MemberRow, type TeamActionResult } from "./types";

function CapacityForm({ member }: { member: MemberRow }) {
  const fetcher = useFetcher<TeamActionResult>();
  const [value, setValue] = useState(member.capacity === null ? "" : String(member.capacity));
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  return (
    <fetcher.Form method="post" action={TEAM_ACTION}>
      <input type="hidden" name="intent" value="capacity" />
      <input type="hidden" name="memberId" value={member.id} />
      <InlineStack gap="200" blockAlign="end" wrap={false}>
        <TextField
          label={`Capacity of ${member.name}`}
          labelHidden
          name="capacity"
          type="number"
          min={0}
          value={value}
          onChange={setValue}
          placeholder="No limit"
          autoComplete="off"
          error={answer && !answer.ok ? answer.error : undefined}
        />
        <Button submit loading={fetcher.state !== "idle"}>
          Save
        </Button>
      </InlineStack>
    </fetcher.Form>
  );
}

export function StaffMembersCard({ members, myUserId }: { members: MemberRow[]; myUserId: string }) {
  if (members.length === 0) {
    return (
      <EmptyStateCard heading="No staff yet">
        <p>Staff appear here once they open Threadline.</p>
      </EmptyStateCard>
    );
  }
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Staff
        </Text>
        <Text as="p" tone="subdued">
          Capacity is the most open conversations (open, pending or snoozed) a person is given by routing; leave it
          empty for no limit. Each person sets their own availability.
        </Text>
        <table style={{ width: "100%", borderCollapse: "collapse" }}>
          <thead>
            <tr style={{ textAlign: "left" }}>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Availability</th>
              <th scope="col">Open assigned</th>
              <th scope="col">Capacity</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} data-member={m.userId} style={{ borderTop: "1px solid #e3e3e3" }}>
                <td style={{ padding: "8px 8px 8px 0" }}>
                  <Text as="span" fontWeight="semibold">
                    {m.name}
                  </Text>
                  {m.userId === myUserId ? (
                    <Text as="span" tone="subdued">
                      {" (you)"}
                    </Text>
                  ) : null}
                </td>
                <td>{m.email ?? "—"}</td>
                <td>
                  <Badge tone={m.availability === "ONLINE" ? "success" : undefined}>
                    {m.availability === "ONLINE" ? "Online" : "Away"}
                  </Badge>
                </td>
                <td>
                  {m.openAssigned}
                  {m.capacity !== null ? ` of ${m.capacity}` : ""}
                </td>
                <td style={{ padding: "8px 0" }}>
                  <CapacityForm member={m} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </BlockStack>
    </Card>
  );
}
