// Channel connections as the merchant may see them: provider, status and the
// non-secret config. secretsCiphertext is never selected; webhookToken only by the
// Channels settings page (getChannelSettings), which shows the URLs built from it.
import { db } from "../db/client.server";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { config } from "../config.server";
import { normaliseEmail, normalisePhone } from "../customers/addresses";
import {
  ConnectionError,
  loadConnection,
  saveConnection,
  SECRET_FIELDS,
  sendGridCredentialsSchema,
  twilioCredentialsSchema,
} from "../channels/credentials.server";
import { adapterFor } from "../channels/registry";
import type { Channel } from "../generated/prisma/enums";
import { CONNECTABLE_PROVIDERS, PROVIDER_FIELDS, type ConnectableProvider } from "../components/channel-fields";

const SECRET_KEY = /secret|token|password|passwd|auth|api[_-]?key|private|credential/i;

/** Flattens the config JSON to displayable pairs, dropping anything that looks secret. */
export function publicConfigEntries(config: unknown): Array<{ key: string; value: string }> {
  if (!config || typeof config !== "object" || Array.isArray(config)) return [];
  const out: Array<{ key: string; value: string }> = [];
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    if (SECRET_KEY.test(key) || value === null || value === undefined) continue;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      out.push({ key, value: String(value) });
    } else if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) {
      out.push({ key, value: value.join(", ") });
    }
  }
  return out;
}

export async function listChannelConnections(shopId: string) {
  const rows = await db().channelConnection.findMany({
    where: { shopId },
    orderBy: [{ provider: "asc" }],
    select: {
      id: true,
      provider: true,
      status: true,
      config: true,
      externalAccountId: true,
      lastTestedAt: true,
      lastError: true,
      createdAt: true,
      updatedAt: true,
    },
  });
  return rows.map(({ config, ...row }) => ({ ...row, config: publicConfigEntries(config) }));
}

// ---------------------------------------------------------------------------
// The Channels settings page: forms to connect each provider, test sends and the
// webhook URLs. Secrets are never read back: a saved connection only says which
// secret fields are stored, and an empty secret field on save keeps the stored one.
// ---------------------------------------------------------------------------
export { CONNECTABLE_PROVIDERS, PROVIDER_FIELDS, type ConnectableProvider };

const SECRET_NAMES = new Set<string>(SECRET_FIELDS);

export function webhookUrlsFor(provider: ConnectableProvider, webhookToken: string) {
  const base = config().SHOPIFY_APP_URL.replace(/\/+$/, "");
  const token = encodeURIComponent(webhookToken);
  if (provider === "TWILIO") {
    return [
      { key: "twilioStatus", label: "Status callback URL", url: `${base}/webhooks/twilio/status/${token}` },
      {
        key: "twilioInbound",
        label: "Messaging webhook (incoming messages)",
        url: `${base}/webhooks/twilio/inbound/${token}`,
      },
    ];
  }
  return [{ key: "sendgridEvents", label: "Event Webhook URL", url: `${base}/webhooks/sendgrid/events/${token}` }];
}

/**
 * What the Channels page shows per provider: plain config values to prefill the form,
 * which secrets are stored (never their values) and the webhook URLs.
 */
export async function getChannelSettings(shopId: string) {
  const rows = await db().channelConnection.findMany({
    where: { shopId },
    select: {
      id: true,
      provider: true,
      status: true,
      config: true,
      webhookToken: true,
      lastTestedAt: true,
      lastError: true,
      createdAt: true,
    },
  });
  const providers = CONNECTABLE_PROVIDERS.map((provider) => {
    const row = rows.find((r) => r.provider === provider);
    const plain =
      row?.config && typeof row.config === "object" && !Array.isArray(row.config)
        ? (row.config as Record<string, unknown>)
        : {};
    const values: Record<string, string> = {};
    const savedSecrets: string[] = [];
    for (const field of PROVIDER_FIELDS[provider]) {
      if (field.secret || SECRET_NAMES.has(field.key)) {
        if (row) savedSecrets.push(field.key);
        continue;
      }
      const value = plain[field.key];
      values[field.key] = typeof value === "string" || typeof value === "number" ? String(value) : "";
    }
    return {
      provider,
      connected: Boolean(row),
      status: row?.status ?? null,
      lastTestedAt: row?.lastTestedAt ?? null,
      lastError: row?.lastError ?? null,
      connectedAt: row?.createdAt ?? null,
      values,
      savedSecrets,
      webhookUrls: row ? webhookUrlsFor(provider, row.webhookToken) : [],
    };
  });
  const meta = rows.find((r) => r.provider === "META");
  return { providers, metaConnected: Boolean(meta) };
}

export type FieldErrors = Record<string, string>;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** Form → credentials input (blank fields dropped), with per-field validation messages. */
export async function saveChannelConnection(
  shopId: string,
  provider: ConnectableProvider,
  form: Record<string, unknown>,
): Promise<{ ok: true } | { ok: false; fieldErrors: FieldErrors; formError?: string }> {
  const input: Record<string, string> = {};
  for (const field of PROVIDER_FIELDS[provider]) {
    const value = blankToUndefined(form[field.key]);
    if (typeof value === "string") input[field.key] = value.trim();
  }
  const existing = await db().channelConnection.findUnique({
    where: { shopId_provider: { shopId, provider } },
    select: { id: true },
  });
  // Stored secrets stand in for blank secret fields during validation; their values are not read here.
  const probe: Record<string, string> = { ...input };
  if (existing) {
    for (const field of PROVIDER_FIELDS[provider]) if (field.secret && !probe[field.key]) probe[field.key] = "kept";
  }
  const schema = provider === "TWILIO" ? twilioCredentialsSchema : sendGridCredentialsSchema;
  const parsed = schema.safeParse(probe);
  if (!parsed.success) {
    const fieldErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "form");
      const message =
        issue.code === "invalid_type" && probe[key] === undefined ? "Required" : capitalise(issue.message);
      fieldErrors[key] ??= message;
    }
    return { ok: false, fieldErrors };
  }
  try {
    await saveConnection(shopId, provider, input);
  } catch (error) {
    if (error instanceof ConnectionError) return { ok: false, fieldErrors: {}, formError: error.message };
    throw error;
  }
  await db().channelConnection.update({
    where: { shopId_provider: { shopId, provider } },
    data: { status: "ACTIVE" },
  });
  return { ok: true };
}

function capitalise(message: string): string {
  if (message === "Give a sender: fromNumber, messagingServiceSid or whatsappFrom") {
    return "Give a sender number, a messaging service SID or a WhatsApp sender";
  }
  return message.charAt(0).toUpperCase() + message.slice(1);
}

export async function disconnectChannel(shopId: string, provider: ConnectableProvider): Promise<boolean> {
  const { count } = await db().channelConnection.deleteMany({ where: { shopId, provider } });
  return count > 0;
}

export const testSendSchema = z.discriminatedUnion("provider", [
  z.object({
    provider: z.literal("TWILIO"),
    channel: z.enum(["SMS", "WHATSAPP"]).default("SMS"),
    to: z
      .string()
      .trim()
      .transform((raw, ctx) => {
        const phone = normalisePhone(raw.replace(/^whatsapp:/i, ""));
        if (!phone) {
          ctx.addIssue({ code: "custom", message: "Enter a phone number in international format, e.g. +14155550123" });
          return z.NEVER;
        }
        return phone;
      }),
  }),
  z.object({
    provider: z.literal("SENDGRID"),
    channel: z.literal("EMAIL").default("EMAIL"),
    to: z
      .string()
      .trim()
      .transform((raw, ctx) => {
        const email = normaliseEmail(raw);
        if (!email) {
          ctx.addIssue({ code: "custom", message: "Enter an email address" });
          return z.NEVER;
        }
        return email;
      }),
  }),
]);

export type TestSendResult =
  | { ok: true; providerMessageId: string; to: string; channel: Channel }
  | { ok: false; reason: string; errorCode?: string };

/**
 * A test message straight through the provider adapter with the shop's stored credentials:
 * no customer, no Message row. Records lastTestedAt / lastError on the connection.
 */
export async function sendTestMessage(
  shopId: string,
  input: z.output<typeof testSendSchema>,
  shopName: string,
): Promise<TestSendResult> {
  const connection = await loadConnection(shopId, input.provider);
  if (!connection) return { ok: false, reason: "Connect this provider first." };
  const adapter = adapterFor(input.channel);
  if (!adapter) return { ok: false, reason: "This channel cannot send messages." };
  const id = `test-${randomUUID()}`;
  const body = `Test message from ${shopName} via Threadline. If you can read this, ${
    input.channel === "EMAIL" ? "email" : input.channel === "WHATSAPP" ? "WhatsApp" : "SMS"
  } is connected.`;
  const result = await adapter.send(
    {
      messageId: id,
      idempotencyKey: id,
      channel: input.channel,
      to: input.to,
      body,
      ...(input.channel === "EMAIL" ? { subject: `Threadline test message from ${shopName}` } : {}),
    },
    connection.credentials,
  );
  await db().channelConnection.update({
    where: { id: connection.id },
    data: { lastTestedAt: new Date(), lastError: result.ok ? null : result.errorMessage },
  });
  if (result.ok) return { ok: true, providerMessageId: result.providerMessageId, to: input.to, channel: input.channel };
  return { ok: false, reason: result.errorMessage, errorCode: result.errorCode };
}
