// The flow editor: settings, ordered steps (delay, channel preference), a template per
// channel and language, and a live preview rendered for a real customer of the shop.
import { useEffect, useMemo, useRef, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineError,
  InlineGrid,
  InlineStack,
  Layout,
  List,
  Page,
  Select,
  Spinner,
  Tabs,
  Text,
  TextField,
} from "@shopify/polaris";
import { z } from "zod";
import { getFlowEditor } from "../admin-queries/flow-editor.server";
import {
  describeWaitStart,
  EDITABLE_CHANNELS,
  splitDelay,
  toMinutes,
  type DelayUnit,
  type EditableChannel,
} from "../components/flow-format";
import { RouteErrorPage } from "../components/RouteErrorPage";
import { channelLabel } from "../components/StatusBadges";
import type { FlowSettings } from "../flow-runs/flow-config.server";
import { updateFlow, type FlowSaveError } from "../flows/update-flow.server";
import { requireAdmin } from "../shopify/admin-context.server";
import type { action as previewAction } from "./app.flows.$id_.preview";
import { pageTitle } from "../components/page-title";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const p = paramsSchema.safeParse(params);
  if (!p.success) throw new Response("Not found", { status: 404 });
  const editor = await getFlowEditor(shop.id, p.data.id);
  return json({ ...editor, primaryLocale: shop.primaryLocale || "en" });
};

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.flow.name, "Flows");

const saveForm = z.object({ payload: z.string().max(2_000_000) });

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const p = paramsSchema.safeParse(params);
  if (!p.success) throw new Response("Not found", { status: 404 });
  const form = saveForm.safeParse(Object.fromEntries(await request.formData()));
  let payload: unknown = null;
  try {
    payload = form.success ? JSON.parse(form.data.payload) : null;
  } catch {
    payload = null;
  }
  const result = await updateFlow(shop.id, p.data.id, payload ?? {});
  return json(result, { status: result.ok ? 200 : 422 });
};

// Preview renders post to their own route; they must not reload the editor's data.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) => {
  if (formAction?.endsWith("/preview")) return false;
  return defaultShouldRevalidate;
};

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

interface TemplateState {
  channel: EditableChannel;
  locale: string;
  subject: string;
  body: string;
  whatsappContentSid: string;
}

interface StepState {
  key: string;
  delayValue: string;
  delayUnit: DelayUnit;
  /** All editable channels in preference order, each on or off. */
  channels: Array<{ channel: EditableChannel; on: boolean }>;
  templates: TemplateState[];
}

let keySeq = 0;
const nextKey = () => `step-${++keySeq}`;

function stepsFromLoader(steps: LoaderData["flow"]["steps"]): StepState[] {
  return steps.map((s) => {
    const delay = splitDelay(s.delayMinutes);
    const on = s.channels.filter((c): c is EditableChannel => (EDITABLE_CHANNELS as readonly string[]).includes(c));
    return {
      key: nextKey(),
      delayValue: String(delay.value),
      delayUnit: delay.unit,
      channels: [
        ...on.map((channel) => ({ channel, on: true })),
        ...EDITABLE_CHANNELS.filter((c) => !on.includes(c)).map((channel) => ({ channel, on: false })),
      ],
      templates: s.templates
        .filter((t) => (EDITABLE_CHANNELS as readonly string[]).includes(t.channel))
        .map((t) => ({
          channel: t.channel as EditableChannel,
          locale: t.locale,
          subject: t.subject ?? "",
          body: t.body,
          whatsappContentSid: t.whatsappContentSid ?? "",
        })),
    };
  });
}

const SETTINGS_FIELDS: Record<string, Array<{ key: keyof FlowSettings; label: string; help: string }>> = {
  CART_RECOVERY: [
    {
      key: "maxAgeDays",
      label: "Maximum checkout age (days)",
      help: "Checkouts older than this get no reminder.",
    },
    {
      key: "attributionWindowDays",
      label: "Attribution window (days)",
      help: "Orders placed this long after a reminder count as recovered.",
    },
  ],
  REVIEW_REQUEST: [
    {
      key: "reviewDelayDays",
      label: "Days after delivery",
      help: "When the review request is sent after the order is delivered.",
    },
    {
      key: "reviewDelayDaysWithoutDelivery",
      label: "Days after fulfillment, when no delivery is reported",
      help: "For carriers that never report delivery.",
    },
  ],
};

export default function FlowEditorPage() {
  const { flow, customers, primaryLocale } = useLoaderData<typeof loader>();
  const [steps, setSteps] = useState<StepState[]>(() => stepsFromLoader(flow.steps));
  const [settings, setSettings] = useState<Record<string, string>>(() =>
    Object.fromEntries((SETTINGS_FIELDS[flow.kind] ?? []).map((f) => [f.key, String(flow.settings[f.key])])),
  );
  const [customerId, setCustomerId] = useState(customers[0]?.id ?? "");
  const save = useFetcher<typeof action>();
  const saveResult = save.state === "idle" ? save.data : undefined;
  const errors: FlowSaveError[] = saveResult && !saveResult.ok ? saveResult.errors : [];
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (saveResult?.ok) setDirty(false);
  }, [saveResult]);

  const update = (fn: (steps: StepState[]) => StepState[]) => {
    setDirty(true);
    setSteps(fn);
  };
  const move = (index: number, by: number) =>
    update((all) => {
      const target = index + by;
      if (target < 0 || target >= all.length) return all;
      const copy = [...all];
      [copy[index], copy[target]] = [copy[target], copy[index]];
      return copy;
    });

  const submit = () => {
    const payload = {
      settings: Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, v])),
      steps: steps.map((s) => ({
        delayMinutes: toMinutes(Number(s.delayValue) || 0, s.delayUnit),
        channels: s.channels.filter((c) => c.on).map((c) => c.channel),
        templates: s.templates.map((t) => ({
          channel: t.channel,
          locale: t.locale,
          subject: t.channel === "EMAIL" ? t.subject : null,
          body: t.body,
          whatsappContentSid: t.channel === "WHATSAPP" ? t.whatsappContentSid : null,
        })),
      })),
    };
    save.submit({ payload: JSON.stringify(payload) }, { method: "post" });
  };

  const addStep = () =>
    update((all) => {
      const last = all[all.length - 1];
      return [
        ...all,
        {
          key: nextKey(),
          delayValue: "1",
          delayUnit: "days",
          channels: last
            ? last.channels.map((c) => ({ ...c }))
            : EDITABLE_CHANNELS.map((channel) => ({ channel, on: true })),
          templates: last ? last.templates.map((t) => ({ ...t })) : [],
        },
      ];
    });

  return (
    <Page
      title={flow.name}
      titleMetadata={flow.enabled ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>}
      backAction={{ content: "Flows", url: "/app/flows" }}
      primaryAction={{ content: "Save", onAction: submit, loading: save.state !== "idle" }}
      secondaryActions={[{ content: "Message log", url: `/app/flows/${flow.id}/log` }]}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {saveResult?.ok && !dirty ? (
              <Banner tone="success" title="Flow saved">
                <Text as="p">New runs use these steps and templates.</Text>
              </Banner>
            ) : null}
            {errors.length ? (
              <Banner tone="critical" title="Not saved: fix these first">
                <List type="bullet">
                  {errors.map((e, i) => (
                    <List.Item key={i}>{describeError(e)}</List.Item>
                  ))}
                </List>
              </Banner>
            ) : null}
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Preview as
                </Text>
                {customers.length ? (
                  <Select
                    label="Customer"
                    helpText="Previews render with this customer's details and their latest checkout, order and shipment (a sample when they have none)."
                    options={customers.map((c) => ({ label: c.label, value: c.id }))}
                    value={customerId}
                    onChange={setCustomerId}
                  />
                ) : (
                  <Text as="p" tone="subdued">
                    Your shop has no customers yet, so there is nobody to preview with.
                  </Text>
                )}
              </BlockStack>
            </Card>
            {(SETTINGS_FIELDS[flow.kind] ?? []).length ? (
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Settings
                  </Text>
                  <FormLayout>
                    <FormLayout.Group>
                      {(SETTINGS_FIELDS[flow.kind] ?? []).map((f) => (
                        <TextField
                          key={f.key}
                          label={f.label}
                          helpText={f.help}
                          type="number"
                          min={1}
                          max={365}
                          autoComplete="off"
                          value={settings[f.key] ?? ""}
                          onChange={(value) => {
                            setDirty(true);
                            setSettings((s) => ({ ...s, [f.key]: value }));
                          }}
                          error={errors.find((e) => e.field === `settings.${f.key}`)?.message}
                        />
                      ))}
                    </FormLayout.Group>
                  </FormLayout>
                </BlockStack>
              </Card>
            ) : null}
            {steps.map((step, index) => (
              <StepCard
                key={step.key}
                flowId={flow.id}
                flowKind={flow.kind}
                index={index}
                count={steps.length}
                step={step}
                customerId={customerId}
                customerLocale={customers.find((c) => c.id === customerId)?.locale ?? null}
                primaryLocale={primaryLocale}
                errors={errors.filter((e) => e.step === index)}
                onChange={(next) => update((all) => all.map((s, i) => (i === index ? next : s)))}
                onMove={(by) => move(index, by)}
                onRemove={() => update((all) => all.filter((_, i) => i !== index))}
              />
            ))}
            <InlineStack align="space-between">
              <Button onClick={addStep} disabled={steps.length >= 10}>
                Add step
              </Button>
              <Button variant="primary" onClick={submit} loading={save.state !== "idle"}>
                Save
              </Button>
            </InlineStack>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return (
    <RouteErrorPage backUrl="/app/flows" backLabel="Flows" notFoundText="This flow does not exist in your shop." />
  );
}

function describeError(e: FlowSaveError): string {
  const where = [
    e.step !== undefined ? `Step ${e.step + 1}` : null,
    e.channel ? channelLabel(e.channel) : null,
    e.locale ? e.locale : null,
  ]
    .filter(Boolean)
    .join(" · ");
  const at = e.line ? ` (line ${e.line}${e.column ? `, column ${e.column}` : ""})` : "";
  return `${where ? `${where}: ` : ""}${fieldLabel(e.field)} ${e.message}${at}`;
}

function fieldLabel(field: string): string {
  switch (field) {
    case "body":
      return "message:";
    case "subject":
      return "subject:";
    case "whatsappContentSid":
      return "WhatsApp template SID:";
    case "locale":
      return "language:";
    case "delayMinutes":
      return "delay:";
    case "channels":
      return "channels:";
    case "templates":
      return "";
    default:
      return `${field}:`;
  }
}

const UNIT_OPTIONS = [
  { label: "minutes", value: "minutes" },
  { label: "hours", value: "hours" },
  { label: "days", value: "days" },
];

function StepCard(props: {
  flowId: string;
  flowKind: string;
  index: number;
  count: number;
  step: StepState;
  customerId: string;
  customerLocale: string | null;
  primaryLocale: string;
  errors: FlowSaveError[];
  onChange: (step: StepState) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}) {
  const { step, index, count, onChange } = props;
  const headingId = `${step.key}-heading`;
  const moveChannel = (i: number, by: number) => {
    const target = i + by;
    if (target < 0 || target >= step.channels.length) return;
    const channels = [...step.channels];
    [channels[i], channels[target]] = [channels[target], channels[i]];
    onChange({ ...step, channels });
  };
  const delayError = props.errors.find((e) => e.field === "delayMinutes")?.message;
  const channelsError = props.errors.find((e) => e.field === "channels")?.message;
  return (
    <Card>
      <section aria-labelledby={headingId} data-testid={`step-${index + 1}`}>
        <BlockStack gap="400">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd" id={headingId}>
              Step {index + 1}
            </Text>
            <InlineStack gap="200">
              <Button size="slim" onClick={() => props.onMove(-1)} disabled={index === 0}>
                Move up
              </Button>
              <Button size="slim" onClick={() => props.onMove(1)} disabled={index === count - 1}>
                Move down
              </Button>
              <Button size="slim" tone="critical" onClick={props.onRemove} disabled={count <= 1}>
                Remove step
              </Button>
            </InlineStack>
          </InlineStack>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
            <FormLayout>
              <FormLayout.Group condensed>
                <TextField
                  label="Wait"
                  type="number"
                  min={0}
                  autoComplete="off"
                  value={step.delayValue}
                  onChange={(delayValue) => onChange({ ...step, delayValue })}
                  error={delayError}
                  helpText={describeWaitStart(props.flowKind, index)}
                />
                <Select
                  label="Unit"
                  options={UNIT_OPTIONS}
                  value={step.delayUnit}
                  onChange={(unit) => onChange({ ...step, delayUnit: unit as DelayUnit })}
                />
              </FormLayout.Group>
            </FormLayout>
            <BlockStack gap="200">
              <Text as="h3" variant="headingSm">
                Channel preference
              </Text>
              <Text as="p" variant="bodySm" tone="subdued">
                The first channel the customer can be reached on and agreed to is used.
              </Text>
              <ol style={{ margin: 0, paddingLeft: 0, listStyle: "none" }}>
                {step.channels.map((c, i) => (
                  <li key={c.channel}>
                    <InlineStack align="space-between" blockAlign="center" gap="200">
                      <Checkbox
                        label={`${i + 1}. ${channelLabel(c.channel)}`}
                        checked={c.on}
                        onChange={(on) =>
                          onChange({
                            ...step,
                            channels: step.channels.map((x, j) => (j === i ? { ...x, on } : x)),
                          })
                        }
                      />
                      <InlineStack gap="100">
                        <Button
                          size="micro"
                          onClick={() => moveChannel(i, -1)}
                          disabled={i === 0}
                          accessibilityLabel={`Move ${channelLabel(c.channel)} up`}
                        >
                          ↑
                        </Button>
                        <Button
                          size="micro"
                          onClick={() => moveChannel(i, 1)}
                          disabled={i === step.channels.length - 1}
                          accessibilityLabel={`Move ${channelLabel(c.channel)} down`}
                        >
                          ↓
                        </Button>
                      </InlineStack>
                    </InlineStack>
                  </li>
                ))}
              </ol>
              {channelsError ? <InlineError message={channelsError} fieldID={`${step.key}-channels`} /> : null}
            </BlockStack>
          </InlineGrid>
          <TemplateEditor {...props} />
        </BlockStack>
      </section>
    </Card>
  );
}

function TemplateEditor({
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
  const preferred = [customerLocale?.toLowerCase(), customerLocale?.toLowerCase().split("-")[0], primaryLocale, "en"];
  const [chosenLocale, setChosenLocale] = useState<string | null>(null);
  const locale =
    (chosenLocale && locales.includes(chosenLocale) ? chosenLocale : null) ??
    preferred.find((l) => l && locales.includes(l)) ??
    locales[0] ??
    null;
  const template = step.templates.find((t) => t.channel === channel && t.locale === locale) ?? null;
  const [newLocale, setNewLocale] = useState("");
  const [newLocaleError, setNewLocaleError] = useState<string | undefined>();

  const setTemplate = (patch: Partial<TemplateState>) =>
    onChange({
      ...step,
      templates: step.templates.map((t) => (t.channel === channel && t.locale === locale ? { ...t, ...patch } : t)),
    });

  const addLocale = () => {
    const code = newLocale.trim().replace(/_/g, "-").toLowerCase();
    if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(code)) {
      setNewLocaleError("Enter a language code such as de, it or pt-br");
      return;
    }
    if (locales.includes(code)) {
      setNewLocaleError("This language already has a template");
      return;
    }
    const base = template ?? { channel, locale: code, subject: "", body: "", whatsappContentSid: "" };
    onChange({ ...step, templates: [...step.templates, { ...base, channel, locale: code }] });
    setChosenLocale(code);
    setNewLocale("");
    setNewLocaleError(undefined);
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
  const bodyError = fieldErrors.find((e) => e.field === "body");
  const subjectError = fieldErrors.find((e) => e.field === "subject");
  const sidError = fieldErrors.find((e) => e.field === "whatsappContentSid");
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
  const liveBodyError = liveError && liveError.field === "body" ? previewErrorText(liveError) : undefined;
  const liveSubjectError = liveError && liveError.field === "subject" ? previewErrorText(liveError) : undefined;

  return (
    <Tabs tabs={tabs} selected={tab} onSelect={setTab}>
      <Box paddingBlockStart="400" id={`${step.key}-${channel}-panel`}>
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
          <BlockStack gap="300">
            <InlineStack gap="200" blockAlign="end" wrap>
              {locales.length ? (
                <Select
                  label="Language"
                  options={locales.map((l) => ({ label: l, value: l }))}
                  value={locale ?? ""}
                  onChange={setChosenLocale}
                />
              ) : null}
              <div style={{ maxWidth: "9rem" }}>
                <TextField
                  label="Add language"
                  autoComplete="off"
                  placeholder="de"
                  value={newLocale}
                  onChange={(v) => {
                    setNewLocale(v);
                    setNewLocaleError(undefined);
                  }}
                  error={newLocaleError}
                  connectedRight={<Button onClick={addLocale}>Add</Button>}
                />
              </div>
              {template && locales.length > 1 ? (
                <Button variant="plain" tone="critical" onClick={removeLocale}>
                  Remove {template.locale}
                </Button>
              ) : null}
            </InlineStack>
            {missing ? <InlineError message={missing.message} fieldID={`${step.key}-${channel}-body`} /> : null}
            {template ? (
              <>
                {channel === "EMAIL" ? (
                  <TextField
                    label="Subject"
                    autoComplete="off"
                    value={template.subject}
                    onChange={(subject) => setTemplate({ subject })}
                    error={liveSubjectError ?? (subjectError ? errorText(subjectError) : undefined)}
                  />
                ) : null}
                <TextField
                  id={`${step.key}-${channel}-body`}
                  label={`${channelLabel(channel)} message (${template.locale})`}
                  multiline={channel === "EMAIL" ? 10 : 5}
                  autoComplete="off"
                  monospaced
                  value={template.body}
                  onChange={(body) => setTemplate({ body })}
                  helpText="Liquid, with Shopify-style variables: {{ customer.first_name }}, {{ shop.name }}, {{ checkout.abandoned_checkout_url }}, {{ order.name }}, {{ fulfillment.tracking_url }}…"
                  error={liveBodyError ?? (bodyError ? errorText(bodyError) : undefined)}
                />
                {channel === "WHATSAPP" ? (
                  <TextField
                    label="Approved WhatsApp template (Content SID)"
                    helpText="Used when the customer has not written in the last 24 hours. Without it, the next channel is tried."
                    autoComplete="off"
                    placeholder="HX…"
                    value={template.whatsappContentSid}
                    onChange={(whatsappContentSid) => setTemplate({ whatsappContentSid })}
                    error={sidError?.message}
                  />
                ) : null}
              </>
            ) : (
              <Text as="p" tone="subdued">
                No {channelLabel(channel)} template for this step. Add a language to write one.
              </Text>
            )}
          </BlockStack>
          {template ? (
            <Preview
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

function errorText(e: FlowSaveError): string {
  return e.line ? `${e.message} (line ${e.line}${e.column ? `, column ${e.column}` : ""})` : e.message;
}

const PREVIEW_DEBOUNCE_MS = 350;

type PreviewData = NonNullable<ReturnType<typeof useFetcher<typeof previewAction>>["data"]>;

/** Renders the template through the preview route, debounced while the merchant types. */
function usePreview(input: {
  flowId: string;
  channel: EditableChannel;
  customerId: string;
  subject: string;
  body: string;
  enabled: boolean;
}) {
  const fetcher = useFetcher<typeof previewAction>();
  const submitRef = useRef(fetcher.submit);
  submitRef.current = fetcher.submit;
  const { flowId, channel, customerId, subject, body, enabled } = input;
  const request = useMemo(() => ({ customerId, channel, subject, body }), [customerId, channel, subject, body]);
  useEffect(() => {
    if (!enabled || !request.customerId) return;
    const timer = setTimeout(() => {
      submitRef.current(request, { method: "post", action: `/app/flows/${flowId}/preview` });
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [request, flowId, enabled]);
  return { result: fetcher.data, loading: fetcher.state !== "idle" };
}

function previewErrorText(result: Extract<PreviewData, { ok: false }>): string {
  const { line, column, message } = result.error as { message: string; line?: number; column?: number };
  return `Liquid error: ${message}${line ? ` (line ${line}${column ? `, column ${column}` : ""})` : ""}`;
}

function Preview({
  channel,
  customerId,
  result,
  loading,
  label,
}: {
  channel: EditableChannel;
  customerId: string;
  result: PreviewData | undefined;
  loading: boolean;
  label: string;
}) {
  return (
    <Box background="bg-surface-secondary" borderRadius="200" padding="300">
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h3" variant="headingSm">
            Preview
          </Text>
          {loading ? <Spinner size="small" accessibilityLabel="Rendering preview" /> : null}
        </InlineStack>
        <div role="status" aria-live="polite" aria-label={label} data-testid="template-preview">
          {!customerId ? (
            <Text as="p" tone="subdued">
              Choose a customer to preview with.
            </Text>
          ) : !result ? (
            <Text as="p" tone="subdued">
              Rendering…
            </Text>
          ) : result.ok ? (
            <BlockStack gap="200">
              {"notice" in result && result.notice ? (
                <Text as="p" tone="caution" variant="bodySm">
                  {result.notice}
                </Text>
              ) : null}
              {result.subject !== null && channel === "EMAIL" ? (
                <Text as="p" fontWeight="semibold">
                  {result.subject}
                </Text>
              ) : null}
              <div style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                <Text as="p">{result.body}</Text>
              </div>
            </BlockStack>
          ) : (
            <Text as="p" tone="critical">
              The preview cannot be shown until the {result.field === "subject" ? "subject" : "message"} is fixed.
            </Text>
          )}
        </div>
      </BlockStack>
    </Box>
  );
}
