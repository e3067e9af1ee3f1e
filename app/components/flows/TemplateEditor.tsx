// A step's templates: one tab per channel, a language picker, the fields and a live preview.
import { useState } from "react";
import { BlockStack, Box, InlineError, InlineGrid, Tabs } from "@shopify/polaris";
import { chooseTemplateLocale, type StepState, type TemplateState } from "../../flows/editor-state";
import type { FlowSaveError } from "../../flows/update-flow.server";
import { EDITABLE_CHANNELS } from "../flow-format";
import { channelLabel } from "../StatusBadges";
import { errorText, previewErrorText } from "./save-errors";
import { TemplateFields } from "./TemplateFields";
import { TemplateLanguages } from "./TemplateLanguages";
import { TemplatePreview } from "./TemplatePreview";
import { usePreview } from "./use-preview";

export function TemplateEditor({
  flowId,
  step,
  customerId,
  customerLocale,
  primaryLocale,
  errors,
  onChange,
}: {
  flowId: string;
  step: StepState;
  customerId: string;
  customerLocale: string | null;
  primaryLocale: string;
  errors: FlowSaveError[];
  onChange: (step: StepState) => void;
}) {
  const [tab, setTab] = useState(() => {
    const first = step.channels.find((c) => c.on)?.channel ?? "SMS";
    return EDITABLE_CHANNELS.indexOf(first);
  });
  const channel = EDITABLE_CHANNELS[tab] ?? "SMS";
  const locales = step.templates.filter((t) => t.channel === channel).map((t) => t.locale);
  const [chosenLocale, setChosenLocale] = useState<string | null>(null);
  const locale = chooseTemplateLocale(locales, chosenLocale, customerLocale, primaryLocale);
  const template = step.templates.find((t) => t.channel === channel && t.locale === locale) ?? null;

  const setTemplate = (patch: Partial<TemplateState>) =>
    onChange({
      ...step,
      templates: step.templates.map((t) => (t.channel === channel && t.locale === locale ? { ...t, ...patch } : t)),
    });
  const addLocale = (code: string) => {
    const base = template ?? { channel, locale: code, subject: "", body: "", whatsappContentSid: "" };
    onChange({ ...step, templates: [...step.templates, { ...base, channel, locale: code }] });
    setChosenLocale(code);
  };
  const removeLocale = () => {
    if (!template) return;
    onChange({ ...step, templates: step.templates.filter((t) => t !== template) });
    setChosenLocale(null);
  };

  const tabs = EDITABLE_CHANNELS.map((c) => {
    const on = step.channels.find((x) => x.channel === c)?.on;
    return {
      id: `${step.key}-${c}`,
      content: on ? channelLabel(c) : `${channelLabel(c)} (not used)`,
      accessibilityLabel: `${channelLabel(c)} templates`,
      panelID: `${step.key}-${c}-panel`,
    };
  });

  const fieldErrors = errors.filter((e) => e.channel === channel && (e.locale === undefined || e.locale === locale));
  const savedError = (field: string) => {
    const e = fieldErrors.find((x) => x.field === field);
    return e ? errorText(e) : undefined;
  };
  const missing = fieldErrors.find((e) => e.field === "templates");
  const preview = usePreview({
    flowId,
    channel,
    customerId,
    subject: template?.subject ?? "",
    body: template?.body ?? "",
    enabled: Boolean(template),
  });
  const liveError = preview.result && !preview.result.ok ? preview.result : null;
  const liveErrorFor = (field: "body" | "subject") =>
    liveError && liveError.field === field ? previewErrorText(liveError) : undefined;

  return (
    <Tabs tabs={tabs} selected={tab} onSelect={setTab}>
      <Box paddingBlockStart="400" id={`${step.key}-${channel}-panel`}>
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
          <BlockStack gap="300">
            <TemplateLanguages
              locales={locales}
              locale={locale}
              canRemove={Boolean(template) && locales.length > 1}
              onChoose={setChosenLocale}
              onAdd={addLocale}
              onRemove={removeLocale}
            />
            {missing ? <InlineError message={missing.message} fieldID={`${step.key}-${channel}-body`} /> : null}
            <TemplateFields
              stepKey={step.key}
              channel={channel}
              template={template}
              subjectError={liveErrorFor("subject") ?? savedError("subject")}
              bodyError={liveErrorFor("body") ?? savedError("body")}
              sidError={fieldErrors.find((e) => e.field === "whatsappContentSid")?.message}
              onChange={setTemplate}
            />
          </BlockStack>
          {template ? (
            <TemplatePreview
              channel={channel}
              customerId={customerId}
              result={preview.result}
              loading={preview.loading}
              label={`${channelLabel(channel)} preview`}
            />
          ) : (
            <span />
          )}
        </InlineGrid>
      </Box>
    </Tabs>
  );
}
