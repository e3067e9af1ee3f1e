// Typed, validated provider credentials, stored on ChannelConnection: secrets sealed in
// secretsCiphertext (AES-256-GCM, app/lib/crypto.server.ts), everything else in plain `config`.
import { z } from "zod";
import { db } from "../db/client.server";
import { decryptJson, encryptJson } from "../lib/crypto.server";
import { newSecretToken } from "../lib/secret-token.server";
import type { ChannelProvider, ConnectionStatus } from "../generated/prisma/enums";
import type { Prisma } from "../generated/prisma/client";
import { normaliseEmail, normalisePhone } from "../customers/addresses";

const e164 = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const bare = raw.replace(/^whatsapp:/i, "");
    const phone = normalisePhone(bare) ?? (/^\+[1-9]\d{6,14}$/.test(bare) ? bare : null);
    if (!phone) {
      ctx.addIssue({ code: "custom", message: "must be a phone number in international format, e.g. +14155550123" });
      return z.NEVER;
    }
    return phone;
  });

const email = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const value = normaliseEmail(raw);
    if (!value) {
      ctx.addIssue({ code: "custom", message: "must be an email address" });
      return z.NEVER;
    }
    return value;
  });

const nonEmpty = z.string().trim().min(1);

export const twilioCredentialsSchema = z
  .object({
    accountSid: z
      .string()
      .trim()
      .regex(/^AC[0-9a-fA-F]{32}$/, "must be a Twilio Account SID (AC + 32 hex)"),
    authToken: nonEmpty,
    fromNumber: e164.optional(),
    messagingServiceSid: z
      .string()
      .trim()
      .regex(/^MG[0-9a-fA-F]{32}$/, "must be a Messaging Service SID (MG + 32 hex)")
      .optional(),
    whatsappFrom: e164.optional(),
  })
  .refine((c) => c.fromNumber || c.messagingServiceSid || c.whatsappFrom, {
    message: "Give a sender: fromNumber, messagingServiceSid or whatsappFrom",
    path: ["fromNumber"],
  });

export const sendGridCredentialsSchema = z.object({
  apiKey: nonEmpty,
  fromEmail: email,
  fromName: nonEmpty.optional(),
  /** Inbound Parse domain; replies come back to <conversation.replyToken>@replyToDomain. */
  replyToDomain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/, "must be a domain name")
    .optional(),
  /** Event Webhook "Verification Key" (base64 DER, public). */
  eventWebhookPublicKey: nonEmpty.optional(),
});

export const metaCredentialsSchema = z.object({
  pageId: z
    .string()
    .trim()
    .regex(/^\d+$|^[A-Za-z0-9_-]+$/, "must be a page id"),
  pageAccessToken: nonEmpty,
  appSecret: nonEmpty,
  verifyToken: nonEmpty,
  instagramAccountId: nonEmpty.optional(),
});

export type TwilioCredentials = z.infer<typeof twilioCredentialsSchema>;
export type SendGridCredentials = z.infer<typeof sendGridCredentialsSchema>;
export type MetaCredentials = z.infer<typeof metaCredentialsSchema>;

export type TwilioConnection = TwilioCredentials & { provider: "TWILIO" };
export type SendGridConnection = SendGridCredentials & { provider: "SENDGRID" };
export type MetaConnection = MetaCredentials & { provider: "META" };
/** What an adapter needs to act for one shop: the provider tag plus its credentials. */
export type ConnectionCredentials = TwilioConnection | SendGridConnection | MetaConnection;

export type CredentialsFor<P extends ChannelProvider> = Extract<ConnectionCredentials, { provider: P }>;
export type CredentialsInput<P extends ChannelProvider> = z.input<(typeof SCHEMAS)[P]>;

const SCHEMAS = {
  TWILIO: twilioCredentialsSchema,
  SENDGRID: sendGridCredentialsSchema,
  META: metaCredentialsSchema,
} as const;

/** Fields that go into secretsCiphertext; every other field is plain config. */
export const SECRET_FIELDS = ["authToken", "apiKey", "pageAccessToken", "appSecret", "verifyToken"] as const;
const SECRET_SET = new Set<string>(SECRET_FIELDS);

export class ConnectionError extends Error {
  constructor(
    message: string,
    readonly provider: ChannelProvider,
  ) {
    super(message);
    this.name = "ConnectionError";
  }
}

export function parseCredentials<P extends ChannelProvider>(provider: P, input: unknown): CredentialsFor<P> {
  const parsed = SCHEMAS[provider].safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "credentials"}: ${i.message}`).join("; ");
    throw new ConnectionError(`Invalid ${provider} credentials: ${problems}`, provider);
  }
  return { ...(parsed.data as object), provider } as CredentialsFor<P>;
}

export interface LoadedConnection<P extends ChannelProvider = ChannelProvider> {
  id: string;
  shopId: string;
  provider: P;
  status: ConnectionStatus;
  externalAccountId: string | null;
  webhookToken: string;
  lastError: string | null;
  credentials: CredentialsFor<P>;
}

type ConnectionRow = {
  id: string;
  shopId: string;
  provider: ChannelProvider;
  status: ConnectionStatus;
  config: unknown;
  secretsCiphertext: string;
  externalAccountId: string | null;
  webhookToken: string;
  lastError: string | null;
};

function hydrate<P extends ChannelProvider>(row: ConnectionRow): LoadedConnection<P> {
  let secrets: Record<string, unknown>;
  try {
    secrets = decryptJson<Record<string, unknown>>(row.secretsCiphertext);
  } catch (err) {
    throw new ConnectionError(`Could not decrypt ${row.provider} credentials: ${(err as Error).message}`, row.provider);
  }
  const plain = row.config && typeof row.config === "object" ? (row.config as Record<string, unknown>) : {};
  return {
    id: row.id,
    shopId: row.shopId,
    provider: row.provider as P,
    status: row.status,
    externalAccountId: row.externalAccountId,
    webhookToken: row.webhookToken,
    lastError: row.lastError,
    // Secrets win over config: a stray copy in config must never shadow the sealed value.
    credentials: parseCredentials(row.provider as P, { ...plain, ...secrets }),
  };
}

/** The shop's connection for a provider, decrypted and validated; null when none. Status is returned, not checked. */
export async function loadConnection<P extends ChannelProvider>(
  shopId: string,
  provider: P,
): Promise<LoadedConnection<P> | null> {
  const row = await db().channelConnection.findUnique({ where: { shopId_provider: { shopId, provider } } });
  return row ? hydrate<P>(row) : null;
}

/** For inbound/status webhook routes, whose URL carries the connection's webhookToken. */
export async function loadConnectionByWebhookToken(webhookToken: string): Promise<LoadedConnection | null> {
  const row = await db().channelConnection.findUnique({ where: { webhookToken } });
  return row ? hydrate(row) : null;
}

/**
 * For app-level webhooks (Meta posts every page's events to one URL): connections whose
 * externalAccountId (page id, account SID) or Instagram account id equals `accountId`.
 */
export async function findConnectionsByAccountId<P extends ChannelProvider>(
  provider: P,
  accountId: string,
): Promise<LoadedConnection<P>[]> {
  const rows = await db().channelConnection.findMany({
    where: {
      provider,
      OR: [{ externalAccountId: accountId }, { config: { path: ["instagramAccountId"], equals: accountId } }],
    },
  });
  return rows.map((r) => hydrate<P>(r));
}

function externalAccountIdOf(credentials: ConnectionCredentials): string | null {
  switch (credentials.provider) {
    case "TWILIO":
      return credentials.accountSid;
    case "META":
      return credentials.pageId;
    case "SENDGRID":
      return null;
  }
}

/**
 * Validates and stores a shop's credentials for one provider (upsert by shopId + provider).
 * Secret fields left out of `input` keep their stored values, so a settings form that never
 * shows secrets back can still save the non-secret fields.
 */
export async function saveConnection<P extends ChannelProvider>(
  shopId: string,
  provider: P,
  input: Partial<CredentialsInput<P>> & Record<string, unknown>,
): Promise<LoadedConnection<P>> {
  const existing = await db().channelConnection.findUnique({ where: { shopId_provider: { shopId, provider } } });
  const previousSecrets = existing ? hydrate<P>(existing).credentials : {};
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== ""));
  const keptSecrets = Object.fromEntries(
    Object.entries(previousSecrets).filter(([k]) => SECRET_SET.has(k) && !(k in given)),
  );
  const credentials = parseCredentials(provider, { ...keptSecrets, ...given });

  const secrets: Record<string, unknown> = {};
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(credentials)) {
    if (key === "provider" || value === undefined) continue;
    (SECRET_SET.has(key) ? secrets : plain)[key] = value;
  }
  const data = {
    config: plain as Prisma.InputJsonObject,
    secretsCiphertext: encryptJson(secrets),
    externalAccountId: externalAccountIdOf(credentials),
  };
  const row = await db().channelConnection.upsert({
    where: { shopId_provider: { shopId, provider } },
    create: { shopId, provider, webhookToken: newSecretToken(), ...data },
    update: { ...data, lastError: null },
  });
  return hydrate<P>(row);
}
