// Channels settings: connect Twilio, SendGrid and Meta, send a test message, copy the webhook
// URLs (status and inbound) into each provider's console, disconnect. Saved secrets never come
// back to the page.
import { useEffect, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  Divider,
  FormLayout,
  InlineStack,
  Layout,
  Modal,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { z } from "zod";
import {
  disconnectChannel,
  getChannelSettings,
  saveChannelConnection,
  sendTestMessage,
  testSendSchema,
  type FieldErrors,
  type TestSendResult,
} from "../admin-queries/channels.server";
import { CONNECTABLE_PROVIDERS, PROVIDER_FIELDS, type ConnectableProvider } from "../components/channel-fields";
import { CopyField } from "../components/CopyField";
import { formatDateTime, shopFormatOf, type ShopFormat } from "../components/format";
import { requireAdmin } from "../shopify/admin-context.server";
import {
  disconnectMeta,
  inboundChannelSettings,
  saveMetaConnection,
} from "../messages/inbound-channel-settings.server";
import { META_FIELDS } from "../messages/meta-fields";
import { pageTitle } from "../components/page-title";

export const meta: MetaFunction = () => pageTitle("Channels");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, demo } = await requireAdmin(request);
  const [settings, inbound] = await Promise.all([getChannelSettings(shop.id), inboundChannelSettings(shop.id)]);
  // The SendGrid card also shows the Inbound Parse URL (after the Event Webhook URL).
  const providers = settings.providers.map((p) =>
    p.provider === "SENDGRID" && inbound.sendGridInbound
      ? { ...p, webhookUrls: [...p.webhookUrls, inbound.sendGridInbound] }
      : p,
  );
  return json({ ...settings, providers, meta: inbound.meta, demo, format: shopFormatOf(shop) });
};

const intentSchema = z.object({
  intent: z.enum(["save", "test", "disconnect"]),
  provider: z.enum(CONNECTABLE_PROVIDERS),
});

type ActionData =
  | { intent: "save"; provider: ConnectableProvider; ok: true }
  | { intent: "save"; provider: ConnectableProvider; ok: false; fieldErrors: FieldErrors; formError?: string }
  | { intent: "test"; provider: ConnectableProvider; result: TestSendResult; fieldErrors?: FieldErrors }
  | { intent: "disconnect"; provider: ConnectableProvider; ok: boolean };

type MetaActionData =
  | { intent: "save"; provider: "META"; ok: true }
  | { intent: "save"; provider: "META"; ok: false; fieldErrors: FieldErrors; formError?: string }
  | { intent: "disconnect"; provider: "META"; ok: boolean };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const form = Object.fromEntries(await request.formData());
  if (form.provider === "META") {
    if (form.intent === "save") {
      const result = await saveMetaConnection(shop.id, form);
      return json<MetaActionData>({ intent: "save", provider: "META", ...result }, { status: result.ok ? 200 : 422 });
    }
    if (form.intent === "disconnect")
      return json<MetaActionData>({ intent: "disconnect", provider: "META", ok: await disconnectMeta(shop.id) });
    return json({ error: "Unknown action" }, { status: 400 });
  }
  const parsed = intentSchema.safeParse(form);
  if (!parsed.success) return json({ error: "Unknown action" }, { status: 400 });
  const { intent, provider } = parsed.data;
  if (intent === "save") {
    const result = await saveChannelConnection(shop.id, provider, form);
    return json<ActionData>({ intent, provider, ...result }, { status: result.ok ? 200 : 422 });
  }
  if (intent === "test") {
    const input = testSendSchema.safeParse(form);
    if (!input.success) {
      const fieldErrors: FieldErrors = {};
      for (const issue of input.error.issues) fieldErrors[String(issue.path[0] ?? "to")] ??= issue.message;
      return json<ActionData>(
        { intent, provider, result: { ok: false, reason: "Check the recipient." }, fieldErrors },
        { status: 422 },
      );
    }
    const result = await sendTestMessage(shop.id, input.data, shop.name ?? shop.domain);
    return json<ActionData>({ intent, provider, result });
  }
  const ok = await disconnectChannel(shop.id, provider);
  return json<ActionData>({ intent, provider, ok });
};

const PROVIDER_INFO: Record<ConnectableProvider, { name: string; channels: string; console: string }> = {
  TWILIO: {
    name: "Twilio",
    channels: "SMS and WhatsApp",
    console:
      "In the Twilio Console, paste the messaging webhook into your sender's (or messaging service's) incoming message setting. Threadline sets the status callback on every message it sends; the URL is shown here for messaging services that want it too.",
  },
  SENDGRID: {
    name: "SendGrid",
    channels: "Email",
    console:
      "In SendGrid, under Settings → Mail Settings → Event Webhook, paste the Event Webhook URL, turn on signature verification and copy its verification key into the field above. Under Settings → Inbound Parse, add your reply-to domain with the Inbound Parse URL (leave “POST the raw, full MIME message” off) so customers' replies come back into the inbox.",
  },
};

const FIELD_INFO: Record<string, { label: string; help?: string; type?: "text" | "email" | "password" }> = {
  accountSid: { label: "Account SID", help: "Starts with AC, from the Twilio Console home page." },
  authToken: { label: "Auth token", type: "password" },
  fromNumber: { label: "Sender phone number", help: "In international format, e.g. +14155550123." },
  messagingServiceSid: {
    label: "Messaging service SID",
    help: "Optional. Starts with MG; used instead of the sender number when given.",
  },
  whatsappFrom: { label: "WhatsApp sender", help: "Optional. The WhatsApp-enabled number, e.g. +14155550123." },
  apiKey: { label: "API key", type: "password" },
  fromEmail: { label: "From address", type: "email" },
  fromName: { label: "From name", help: "Optional. Shown as the sender's name." },
  replyToDomain: {
    label: "Reply-to domain",
    help: "Optional. Your Inbound Parse domain, so that replies come back into Threadline.",
  },
  eventWebhookPublicKey: {
    label: "Event webhook verification key",
    help: "The public key SendGrid shows when signature verification is on.",
  },
  pageId: { label: "Facebook Page ID", help: "From your Page's About section or Meta Business Suite." },
  pageAccessToken: { label: "Page access token", type: "password" },
  appSecret: { label: "App secret", type: "password", help: "Meta app dashboard → App settings → Basic." },
  verifyToken: {
    label: "Verify token",
    type: "password",
    help: "Any string you choose; enter the same one in Meta's webhook settings.",
  },
  instagramAccountId: {
    label: "Instagram account ID",
    help: "Optional. The Instagram professional account linked to the Page, for Instagram Direct.",
  },
};

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type ProviderData = LoaderData["providers"][number];

export default function ChannelsPage() {
  const { providers, meta, format } = useLoaderData<typeof loader>();
  return (
    <Page title="Channels" subtitle="The accounts Threadline sends and receives messages through">
      <Layout>
        <Layout.Section>
          <BlockStack gap="500">
            {providers.every((p) => !p.connected) ? (
              <Banner tone="info" title="No channel connected yet">
                <Text as="p">
                  Flows send nothing until a channel is connected. Connect Twilio for SMS and WhatsApp, SendGrid for
                  email, or both.
                </Text>
              </Banner>
            ) : null}
            {providers.map((p) => (
              <ProviderCard key={p.provider} data={p} format={format} />
            ))}
            <MetaCard data={meta} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** A connection's credential fields; a saved secret is never shown, only marked as kept. */
function CredentialFields({
  fields,
  savedSecrets,
  values,
  setValues,
  fieldErrors,
}: {
  fields: readonly { key: string; secret?: boolean }[];
  savedSecrets: readonly string[];
  values: Record<string, string>;
  setValues: (update: (current: Record<string, string>) => Record<string, string>) => void;
  fieldErrors: Record<string, string | undefined>;
}) {
  return (
    <>
      {fields.map((field) => {
        const info = FIELD_INFO[field.key] ?? { label: field.key };
        const secretSaved = field.secret && savedSecrets.includes(field.key);
        return (
          <TextField
            key={field.key}
            name={field.key}
            label={secretSaved ? `${info.label} (saved)` : info.label}
            type={info.type ?? "text"}
            autoComplete="off"
            value={values[field.key] ?? ""}
            onChange={(value) => setValues((v) => ({ ...v, [field.key]: value }))}
            placeholder={secretSaved ? "Saved: leave blank to keep" : undefined}
            helpText={secretSaved ? "Saved. Leave blank to keep the stored value." : info.help}
            error={fieldErrors[field.key]}
          />
        );
      })}
    </>
  );
}

function ProviderCard({ data, format }: { data: ProviderData; format: ShopFormat }) {
  const info = PROVIDER_INFO[data.provider];
  const save = useFetcher<typeof action>();
  const saveData = save.data as ActionData | undefined;
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...data.values }));
  const [confirming, setConfirming] = useState(false);
  const disconnect = useFetcher<typeof action>();

  // After a save or disconnect the loader data changes: take the stored values, drop typed secrets.
  const storedKey = `${data.connected}:${JSON.stringify(data.values)}`;
  useEffect(() => {
    setValues(JSON.parse(storedKey.slice(storedKey.indexOf(":") + 1)) as Record<string, string>);
  }, [storedKey]);
  useEffect(() => {
    if (disconnect.state === "idle" && disconnect.data) setConfirming(false);
  }, [disconnect.state, disconnect.data]);

  const fieldErrors = saveData?.intent === "save" && !saveData.ok ? saveData.fieldErrors : {};
  const formError = saveData?.intent === "save" && !saveData.ok ? saveData.formError : undefined;
  const saved = saveData?.intent === "save" && saveData.ok && save.state === "idle";
  const headingId = `channel-${data.provider.toLowerCase()}`;

  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <BlockStack gap="050">
            <Text as="h2" variant="headingMd" id={headingId}>
              {info.name}
            </Text>
            <Text as="span" tone="subdued">
              {info.channels}
            </Text>
          </BlockStack>
          {data.connected ? (
            <Badge tone={data.status === "ERROR" ? "critical" : "success"}>
              {data.status === "ERROR" ? "Error" : "Connected"}
            </Badge>
          ) : (
            <Badge>Not connected</Badge>
          )}
        </InlineStack>
        {data.lastError ? (
          <Banner tone="critical" title="Last error">
            <Text as="p">{data.lastError}</Text>
          </Banner>
        ) : null}
        {saved ? <Banner tone="success" title={`${info.name} settings saved`} /> : null}
        {formError ? (
          <Banner tone="critical" title="Not saved">
            <Text as="p">{formError}</Text>
          </Banner>
        ) : null}
        <save.Form method="post" aria-labelledby={headingId}>
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="provider" value={data.provider} />
          <FormLayout>
            <CredentialFields
              fields={PROVIDER_FIELDS[data.provider]}
              savedSecrets={data.savedSecrets}
              values={values}
              setValues={setValues}
              fieldErrors={fieldErrors}
            />
            <InlineStack gap="200">
              <Button submit variant="primary" loading={save.state !== "idle"}>
                {data.connected ? "Save" : `Connect ${info.name}`}
              </Button>
              {data.connected ? (
                <Button tone="critical" variant="plain" onClick={() => setConfirming(true)}>
                  Disconnect
                </Button>
              ) : null}
            </InlineStack>
          </FormLayout>
        </save.Form>
        {data.connected ? (
          <>
            <Divider />
            <TestSendForm provider={data.provider} lastTestedAt={data.lastTestedAt} format={format} />
            <Divider />
            <BlockStack gap="300">
              <Text as="h3" variant="headingSm">
                Webhook URLs
              </Text>
              <Text as="p" tone="subdued">
                {info.console}
              </Text>
              {data.webhookUrls.map((w) => (
                <CopyField key={w.key} label={w.label} value={w.url} />
              ))}
            </BlockStack>
          </>
        ) : null}
      </BlockStack>
      <Modal
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Disconnect ${info.name}?`}
        primaryAction={{
          content: "Disconnect",
          destructive: true,
          loading: disconnect.state !== "idle",
          onAction: () => disconnect.submit({ intent: "disconnect", provider: data.provider }, { method: "post" }),
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setConfirming(false) }]}
      >
        <Modal.Section>
          <Text as="p">
            Threadline will stop sending and receiving {info.channels} messages through {info.name}, and the stored
            credentials are deleted. Flows that rely on it fall back to your other channels.
          </Text>
        </Modal.Section>
      </Modal>
    </Card>
  );
}

function TestSendForm({
  provider,
  lastTestedAt,
  format,
}: {
  provider: ConnectableProvider;
  lastTestedAt: string | null;
  format: ShopFormat;
}) {
  const fetcher = useFetcher<typeof action>();
  const [to, setTo] = useState("");
  const [channel, setChannel] = useState(provider === "TWILIO" ? "SMS" : "EMAIL");
  const data = fetcher.data as ActionData | undefined;
  const result = data?.intent === "test" ? data : undefined;
  const email = provider === "SENDGRID";
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="test" />
      <input type="hidden" name="provider" value={provider} />
      <input type="hidden" name="channel" value={channel} />
      <BlockStack gap="300">
        <Text as="h3" variant="headingSm">
          Send a test message
        </Text>
        <InlineStack gap="300" blockAlign="end" wrap>
          {provider === "TWILIO" ? (
            <Select
              label="Channel"
              options={[
                { label: "SMS", value: "SMS" },
                { label: "WhatsApp", value: "WHATSAPP" },
              ]}
              value={channel}
              onChange={setChannel}
            />
          ) : null}
          <div style={{ minWidth: "18rem" }}>
            <TextField
              label={email ? "Test email address" : "Test phone number"}
              name="to"
              type={email ? "email" : "tel"}
              autoComplete="off"
              value={to}
              onChange={setTo}
              placeholder={email ? "you@example.com" : "+14155550123"}
              error={result?.fieldErrors?.to}
            />
          </div>
          <Button submit loading={fetcher.state !== "idle"}>
            Send test
          </Button>
        </InlineStack>
        {result && !result.fieldErrors && fetcher.state === "idle" ? (
          result.result.ok ? (
            <Banner tone="success" title="Test message accepted">
              <Text as="p">
                Sent to {result.result.to}. Provider message id:{" "}
                <Text as="span" fontWeight="semibold">
                  {result.result.providerMessageId}
                </Text>
              </Text>
            </Banner>
          ) : (
            <Banner tone="critical" title="Test message failed">
              <Text as="p">
                {result.result.reason}
                {result.result.errorCode ? ` (code ${result.result.errorCode})` : ""}
              </Text>
            </Banner>
          )
        ) : null}
        <Text as="p" variant="bodySm" tone="subdued">
          Last tested: {lastTestedAt ? formatDateTime(lastTestedAt, format) : "never"}
        </Text>
      </BlockStack>
    </fetcher.Form>
  );
}

function MetaCard({ data }: { data: LoaderData["meta"] }) {
  const save = useFetcher<typeof action>();
  const disconnect = useFetcher<typeof action>();
  const saveData = save.data as MetaActionData | undefined;
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...data.values }));
  const storedKey = `${data.connected}:${JSON.stringify(data.values)}`;
  useEffect(() => {
    setValues(JSON.parse(storedKey.slice(storedKey.indexOf(":") + 1)) as Record<string, string>);
  }, [storedKey]);
  const fieldErrors = saveData?.intent === "save" && !saveData.ok ? saveData.fieldErrors : {};
  const formError = saveData?.intent === "save" && !saveData.ok ? saveData.formError : undefined;
  const saved = saveData?.intent === "save" && saveData.ok && save.state === "idle";
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <BlockStack gap="050">
            <Text as="h2" variant="headingMd" id="channel-meta">
              Meta
            </Text>
            <Text as="span" tone="subdued">
              Messenger and Instagram Direct
            </Text>
          </BlockStack>
          {data.connected ? (
            <Badge tone={data.status === "ERROR" ? "critical" : "success"}>
              {data.status === "ERROR" ? "Error" : "Connected"}
            </Badge>
          ) : (
            <Badge>Not connected</Badge>
          )}
        </InlineStack>
        {data.lastError ? (
          <Banner tone="critical" title="Last error">
            <Text as="p">{data.lastError}</Text>
          </Banner>
        ) : null}
        {saved ? <Banner tone="success" title="Meta settings saved" /> : null}
        {formError ? (
          <Banner tone="critical" title="Not saved">
            <Text as="p">{formError}</Text>
          </Banner>
        ) : null}
        <save.Form method="post" aria-labelledby="channel-meta">
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="provider" value="META" />
          <FormLayout>
            <CredentialFields
              fields={META_FIELDS}
              savedSecrets={data.savedSecrets}
              values={values}
              setValues={setValues}
              fieldErrors={fieldErrors}
            />
            <InlineStack gap="200">
              <Button submit variant="primary" loading={save.state !== "idle"}>
                {data.connected ? "Save" : "Connect Meta"}
              </Button>
              {data.connected ? (
                <Button
                  tone="critical"
                  variant="plain"
                  loading={disconnect.state !== "idle"}
                  onClick={() => disconnect.submit({ intent: "disconnect", provider: "META" }, { method: "post" })}
                >
                  Disconnect
                </Button>
              ) : null}
            </InlineStack>
          </FormLayout>
        </save.Form>
        <Divider />
        <BlockStack gap="300">
          <Text as="h3" variant="headingSm">
            Webhook
          </Text>
          <Text as="p" tone="subdued">
            In your Meta app, under Webhooks (Page and Instagram products), paste this callback URL with the verify
            token you saved above, and subscribe to messages, message_deliveries, message_reads and message_echoes.
          </Text>
          <CopyField label="Meta callback URL" value={data.callbackUrl} />
        </BlockStack>
      </BlockStack>
    </Card>
  );
}
