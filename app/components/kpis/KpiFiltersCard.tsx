// The dashboard's period (from/to dates in the shop's time zone, or a preset) and its filters
// (channel, team, person). Everything lives in the URL, so a view can be bookmarked or shared and
// the drill-down and CSV links carry it.
import { useEffect, useState } from "react";
import { useNavigate } from "@remix-run/react";
import { BlockStack, Button, ButtonGroup, Card, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { FILTER_DEFINITION } from "../../kpis/definitions";
import { CHANNEL_OPTIONS } from "../inbox/filter-options";
import { kpiHref } from "./kpi-format";
import type { KpiQuery } from "./SupportKpisSection";

export const PRESET_DAYS = [7, 30, 90] as const;

export interface KpiFilterChoices {
  teams: Array<{ id: string; name: string }>;
  people: Array<{ id: string; name: string }>;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
}

export function KpiFiltersCard({
  query,
  today,
  choices,
  timeZone,
}: {
  query: KpiQuery;
  today: string;
  choices: KpiFilterChoices;
  timeZone: string;
}) {
  const navigate = useNavigate();
  const [from, setFrom] = useState(query.from);
  const [to, setTo] = useState(query.to);
  useEffect(() => {
    setFrom(query.from);
    setTo(query.to);
  }, [query.from, query.to]);
  const go = (changes: Partial<KpiQuery>) => navigate(kpiHref("/app/analytics", { ...query, ...changes }));
  const presetHref = (days: number) =>
    kpiHref("/app/analytics", { ...query, from: addDays(today, -(days - 1)), to: today });

  return (
    <Card>
      <BlockStack gap="300">
        <form
          aria-label="Period"
          onSubmit={(e) => {
            e.preventDefault();
            go({ from, to });
          }}
        >
          <InlineStack gap="300" blockAlign="end" wrap>
            <TextField label="From" type="date" autoComplete="off" value={from} onChange={setFrom} max={to} />
            <TextField label="To" type="date" autoComplete="off" value={to} onChange={setTo} min={from} />
            <Button submit>Apply</Button>
            <ButtonGroup variant="segmented">
              {PRESET_DAYS.map((days) => (
                <Button
                  key={days}
                  url={presetHref(days)}
                  pressed={query.to === today && query.from === addDays(today, -(days - 1))}
                >
                  {`Last ${days} days`}
                </Button>
              ))}
            </ButtonGroup>
          </InlineStack>
        </form>
        <InlineStack gap="300" wrap>
          <Select
            label="Channel"
            options={CHANNEL_OPTIONS}
            value={query.channel ?? ""}
            onChange={(v) => go({ channel: v || null })}
          />
          <Select
            label="Team"
            options={[{ label: "Any team", value: "" }, ...choices.teams.map((t) => ({ label: t.name, value: t.id }))]}
            value={query.team ?? ""}
            onChange={(v) => go({ team: v || null })}
          />
          <Select
            label="Person"
            options={[{ label: "Anyone", value: "" }, ...choices.people.map((p) => ({ label: p.name, value: p.id }))]}
            value={query.assignee ?? ""}
            onChange={(v) => go({ assignee: v || null })}
          />
        </InlineStack>
        <Text as="p" variant="bodySm" tone="subdued">
          Dates in {timeZone}, both days included. Each figure is compared with the same number of days just before.
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {FILTER_DEFINITION} Marketing figures take the channel filter only.
        </Text>
      </BlockStack>
    </Card>
  );
}
