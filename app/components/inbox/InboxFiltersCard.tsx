// The inbox list's search box and filter menus (status, channel, assignee, tag), with the
// keyboard hint. Every change goes to the URL through `setFilter`.
import { useEffect, useState } from "react";
import { useNavigate } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { ASSIGNEE_OPTIONS, CHANNEL_OPTIONS, STATUS_OPTIONS, VIEW_OPTIONS } from "./filter-options";
import type { InboxFilterValues } from "./page-data";

export function InboxFiltersCard({
  filters,
  tags,
  setFilter,
}: {
  filters: InboxFilterValues;
  tags: readonly string[];
  setFilter: (key: string, value: string) => void;
}) {
  const navigate = useNavigate();
  const [q, setQ] = useState(filters.q ?? "");
  useEffect(() => setQ(filters.q ?? ""), [filters.q]);
  const tagOptions = [{ label: "Any tag", value: "" }, ...tags.map((t) => ({ label: t, value: t }))];
  if (filters.tag && !tags.includes(filters.tag)) tagOptions.push({ label: filters.tag, value: filters.tag });
  const queue = filters.view === "queue";
  const filtered =
    queue || filters.status !== "OPEN" || filters.channel || filters.assignee !== "anyone" || filters.tag || filters.q;

  return (
    <Card>
      <BlockStack gap="300">
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setFilter("q", q.trim());
          }}
        >
          <InlineStack gap="200" blockAlign="end" wrap={false}>
            <div style={{ flex: 1 }}>
              <TextField
                id="inbox-search"
                disabled={queue}
                label="Search"
                labelHidden
                placeholder="Search name, email, phone, order number or message text"
                autoComplete="off"
                value={q}
                onChange={setQ}
                clearButton
                onClearButtonClick={() => {
                  setQ("");
                  setFilter("q", "");
                }}
              />
            </div>
            <Button submit disabled={queue}>
              Search
            </Button>
          </InlineStack>
        </form>
        <InlineStack gap="300" wrap>
          {/* The Queue (app/routing/): open, unassigned, the customer waiting longest first. */}
          <Select
            label="View"
            options={VIEW_OPTIONS}
            value={filters.view ?? ""}
            onChange={(v) => setFilter("view", v)}
          />
          <Select
            disabled={queue}
            label="Status"
            options={STATUS_OPTIONS}
            value={filters.status}
            onChange={(v) => setFilter("status", v === "OPEN" ? "" : v)}
          />
          <Select
            label="Channel"
            options={CHANNEL_OPTIONS}
            value={filters.channel ?? ""}
            onChange={(v) => setFilter("channel", v)}
          />
          <Select
            disabled={queue}
            label="Assignee"
            options={ASSIGNEE_OPTIONS}
            value={filters.assignee}
            onChange={(v) => setFilter("assignee", v === "anyone" ? "" : v)}
          />
          <Select label="Tag" options={tagOptions} value={filters.tag ?? ""} onChange={(v) => setFilter("tag", v)} />
          {filtered ? (
            <div style={{ alignSelf: "end" }}>
              <Button variant="plain" onClick={() => navigate("/app/inbox")}>
                Clear filters
              </Button>
            </div>
          ) : null}
        </InlineStack>
        <Text as="p" variant="bodySm" tone="subdued">
          Keyboard: j / k or ↓ / ↑ to move, Enter to open, / to search.
        </Text>
      </BlockStack>
    </Card>
  );
}
