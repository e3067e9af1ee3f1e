// The satisfaction survey card: on/off, the delay after a resolve, and the question per language.
// Posts to /app/settings/csat.
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { SaveCsatResult } from "../../csat/save-settings.server";
import type { CsatSettings } from "../../csat/settings";

export function CsatSettingsCard({ settings }: { settings: CsatSettings }) {
  const fetcher = useFetcher<SaveCsatResult>();
  const [enabled, setEnabled] = useState(settings.enabled);
  const [delay, setDelay] = useState(String(settings.delayMinutes));
  const [en, setEn] = useState(settings.question.en);
  const [es, setEs] = useState(settings.question.es);
  const [fr, setFr] = useState(settings.question.fr);
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  return (
    <Card>
      <fetcher.Form method="post" action="/app/settings/csat">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Satisfaction survey
          </Text>
          <Text as="p" tone="subdued">
            When a conversation is resolved, the customer is asked once, on the channel they wrote on, to rate it from 1
            to 5. Customers who opted out are never asked.
          </Text>
          <input type="hidden" name="enabled" value={enabled ? "on" : "off"} />
          <Checkbox label="Send a survey after a conversation is resolved" checked={enabled} onChange={setEnabled} />
          <TextField
            label="Minutes to wait after resolving"
            name="delayMinutes"
            type="number"
            min={0}
            max={60}
            value={delay}
            onChange={setDelay}
            autoComplete="off"
          />
          <TextField label="Question (English)" name="questionEn" value={en} onChange={setEn} autoComplete="off" />
          <TextField label="Question (Spanish)" name="questionEs" value={es} onChange={setEs} autoComplete="off" />
          <TextField label="Question (French)" name="questionFr" value={fr} onChange={setFr} autoComplete="off" />
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
