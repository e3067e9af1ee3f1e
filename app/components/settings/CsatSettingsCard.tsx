// The satisfaction survey card: on/off, the delay after a resolve, the question per language and
// the WhatsApp template per language (outside the 24-hour window). Posts to /app/settings/csat.
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { SaveCsatResult } from "../../csat/save-settings.server";
import type { CsatSettings } from "../../csat/settings";

export function CsatSettingsCard({
  settings,
  whatsappWindowSkips,
}: {
  settings: CsatSettings;
  /** Surveys skipped in the last 30 days because WhatsApp's window had closed (whatsapp_window). */
  whatsappWindowSkips: number;
}) {
  const fetcher = useFetcher<SaveCsatResult>();
  const [enabled, setEnabled] = useState(settings.enabled);
  const [delay, setDelay] = useState(String(settings.delayMinutes));
  const [en, setEn] = useState(settings.question.en);
  const [es, setEs] = useState(settings.question.es);
  const [fr, setFr] = useState(settings.question.fr);
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  const [sidEn, setSidEn] = useState(settings.whatsappContentSid.en ?? "");
  const [sidEs, setSidEs] = useState(settings.whatsappContentSid.es ?? "");
  const [sidFr, setSidFr] = useState(settings.whatsappContentSid.fr ?? "");
  const hasTemplate = Boolean(
    settings.whatsappContentSid.en || settings.whatsappContentSid.es || settings.whatsappContentSid.fr,
  );
  const fieldError = (name: string) =>
    answer && !answer.ok && answer.error.startsWith(`${name}:`) ? answer.error : undefined;
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
          <Text as="h3" variant="headingSm">
            WhatsApp template
          </Text>
          <Text as="p" tone="subdued">
            WhatsApp allows free text only within 24 hours of the customer&apos;s last message. After that the survey is
            sent as your approved template (Twilio Content SID, HX followed by 32 characters) in the customer&apos;s
            language, else in the first language that has one. Variable {"{{1}}"} is the customer&apos;s first name.
            Make its quick-reply buttons 1 to 5 so a tap records the score.
          </Text>
          {hasTemplate ? null : (
            <Banner tone="info">
              No WhatsApp template: surveys more than 24 hours after the customer&apos;s last WhatsApp message are
              skipped (reason whatsapp_window). Skipped in the last 30 days: {whatsappWindowSkips}.
            </Banner>
          )}
          <TextField
            label="Content SID (English)"
            name="whatsappContentSidEn"
            value={sidEn}
            onChange={setSidEn}
            error={fieldError("whatsappContentSidEn")}
            autoComplete="off"
          />
          <TextField
            label="Content SID (Spanish)"
            name="whatsappContentSidEs"
            value={sidEs}
            onChange={setSidEs}
            error={fieldError("whatsappContentSidEs")}
            autoComplete="off"
          />
          <TextField
            label="Content SID (French)"
            name="whatsappContentSidFr"
            value={sidFr}
            onChange={setSidFr}
            error={fieldError("whatsappContentSidFr")}
            autoComplete="off"
          />
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
