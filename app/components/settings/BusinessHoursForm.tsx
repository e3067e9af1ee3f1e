// The Business hours page: the shop calendar's time zone, one opening range per weekday (both
// times empty: closed) and holidays (closed all day). Posts the whole calendar to
// /app/settings/hours; every control is a native input, so the page works from the keyboard.
import { useFetcher } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  InlineGrid,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useMemo, useState } from "react";
import type { CalendarPageData } from "../../business-hours/calendar.server";
import { WEEKDAY_NAMES } from "../../business-hours/calendar-form";

type SaveAnswer = { ok: true } | { ok: false; field: string; error: string };
// Monday first: how merchants read a week.
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

function zoneOptions(shopZone: string, current: string | null) {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const extra = [shopZone, current].filter((z): z is string => !!z && !zones.includes(z));
  return [
    { label: `Shop's time zone (${shopZone})`, value: "" },
    ...[...extra, ...zones].map((z) => ({ label: z, value: z })),
  ];
}

export function BusinessHoursForm({ data }: { data: CalendarPageData }) {
  const fetcher = useFetcher<SaveAnswer>();
  const [timeZone, setTimeZone] = useState(data.calendar.timeZone ?? "");
  const [hours, setHours] = useState(() =>
    WEEKDAY_NAMES.map((_, day) => {
      const h = data.calendar.hours.find((x) => x.day === day);
      return { open: h?.open ?? "", close: h?.close ?? "" };
    }),
  );
  const [holidays, setHolidays] = useState(() => data.calendar.holidays.map((h) => ({ ...h })));
  const [newDate, setNewDate] = useState("");
  const [newName, setNewName] = useState("");
  const options = useMemo(() => zoneOptions(data.shopTimeZone, data.calendar.timeZone), [data]);
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  const fieldError = (name: string) => (answer && !answer.ok && answer.field === name ? answer.error : undefined);
  const setDay = (day: number, patch: Partial<{ open: string; close: string }>) =>
    setHours(hours.map((h, i) => (i === day ? { ...h, ...patch } : h)));

  function addHoliday() {
    if (!newDate) return;
    setHolidays([...holidays, { date: newDate, name: newName.trim() }]);
    setNewDate("");
    setNewName("");
  }

  return (
    <Page title="Business hours" backAction={{ content: "Knowledge", url: "/app/knowledge" }}>
      <fetcher.Form method="post" action="/app/settings/hours">
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <Text as="p" tone="subdued">
                One calendar for your shop: the storefront chat widget, automatic answers and the time a customer is
                told a person will reply all read it.
              </Text>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Time zone
                  </Text>
                  <Select
                    label="Time zone"
                    name="timeZone"
                    options={options}
                    value={timeZone}
                    onChange={setTimeZone}
                    error={fieldError("timeZone")}
                  />
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Opening hours
                  </Text>
                  <Text as="p" tone="subdued">
                    Times as HH:MM. Leave both empty for a day you are closed.
                  </Text>
                  {WEEK_ORDER.map((day) => (
                    <InlineGrid key={day} columns={3} gap="200" alignItems="end">
                      <Text as="span">{WEEKDAY_NAMES[day]}</Text>
                      <TextField
                        label={`${WEEKDAY_NAMES[day]} opens`}
                        labelHidden
                        name={`hours.${day}.open`}
                        placeholder="09:00"
                        value={hours[day]!.open}
                        onChange={(v) => setDay(day, { open: v })}
                        error={fieldError(`hours.${day}.open`)}
                        autoComplete="off"
                      />
                      <TextField
                        label={`${WEEKDAY_NAMES[day]} closes`}
                        labelHidden
                        name={`hours.${day}.close`}
                        placeholder="17:00"
                        value={hours[day]!.close}
                        onChange={(v) => setDay(day, { close: v })}
                        error={fieldError(`hours.${day}.close`)}
                        autoComplete="off"
                      />
                    </InlineGrid>
                  ))}
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Holidays
                  </Text>
                  <Text as="p" tone="subdued">
                    Closed all day, whatever the weekday&apos;s hours.
                  </Text>
                  {holidays.length === 0 ? <Text as="p">No holidays.</Text> : null}
                  {holidays.map((h, i) => (
                    <InlineGrid key={`${h.date}-${i}`} columns={3} gap="200" alignItems="center">
                      <input type="hidden" name={`holiday.${i}.date`} value={h.date} />
                      <input type="hidden" name={`holiday.${i}.name`} value={h.name} />
                      <Text as="span">{h.date}</Text>
                      <Text as="span">{h.name || "—"}</Text>
                      <Box>
                        <Button
                          accessibilityLabel={`Remove holiday ${h.date}`}
                          onClick={() => setHolidays(holidays.filter((_, j) => j !== i))}
                        >
                          Remove
                        </Button>
                      </Box>
                      {fieldError(`holiday.${i}.date`) || fieldError(`holiday.${i}.name`) ? (
                        <Text as="p" tone="critical">
                          {fieldError(`holiday.${i}.date`) ?? fieldError(`holiday.${i}.name`)}
                        </Text>
                      ) : null}
                    </InlineGrid>
                  ))}
                  <InlineGrid columns={3} gap="200" alignItems="end">
                    <TextField label="Date" type="date" value={newDate} onChange={setNewDate} autoComplete="off" />
                    <TextField label="Name (optional)" value={newName} onChange={setNewName} autoComplete="off" />
                    <Box>
                      <Button onClick={addHoliday} disabled={!newDate}>
                        Add holiday
                      </Button>
                    </Box>
                  </InlineGrid>
                </BlockStack>
              </Card>
              {answer && !answer.ok ? <Banner tone="critical">{answer.error}</Banner> : null}
              {answer && answer.ok ? <Banner tone="success">Business hours saved.</Banner> : null}
              <Box>
                <Button submit variant="primary" loading={fetcher.state !== "idle"}>
                  Save business hours
                </Button>
              </Box>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </fetcher.Form>
    </Page>
  );
}
