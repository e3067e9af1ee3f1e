// What the Channels page needs for the inbound routes: the SendGrid Inbound Parse URL, the Meta
// callback URL, and the Meta connection form (saved secrets are never read back to the page).
import { config } from "../config.server";
import { db } from "../db/client.server";
import { ConnectionError, metaCredentialsSchema, saveConnection } from "../channels/credentials.server";

import { META_FIELDS } from "./meta-fields";

export { META_FIELDS };

const base = () => config().SHOPIFY_APP_URL.replace(/\/+$/, "");

export const sendGridInboundUrl = (webhookToken: string) =>
  `${base()}/webhooks/sendgrid/inbound/${encodeURIComponent(webhookToken)}`;
export const metaCallbackUrl = () => `${base()}/webhooks/meta`;

export async function inboundChannelSettings(shopId: string) {
  const rows = await db().channelConnection.findMany({
    where: { shopId, provider: { in: ["SENDGRID", "META"] } },
    select: { provider: true, status: true, config: true, webhookToken: true, lastError: true },
  });
  const sendgrid = rows.find((r) => r.provider === "SENDGRID");
  const meta = rows.find((r) => r.provider === "META");
  const plain =
    meta?.config && typeof meta.config === "object" && !Array.isArray(meta.config)
      ? (meta.config as Record<string, unknown>)
      : {};
  const values: Record<string, string> = {};
  for (const f of META_FIELDS)
    if (!f.secret) values[f.key] = typeof plain[f.key] === "string" ? String(plain[f.key]) : "";
  return {
    sendGridInbound: sendgrid
      ? {
          key: "sendgridInbound",
          label: "Inbound Parse URL (email replies)",
          url: sendGridInboundUrl(sendgrid.webhookToken),
        }
      : null,
    meta: {
      connected: Boolean(meta),
      status: meta?.status ?? null,
      lastError: meta?.lastError ?? null,
      values,
      savedSecrets: meta ? META_FIELDS.filter((f) => f.secret).map((f) => f.key as string) : [],
      callbackUrl: metaCallbackUrl(),
    },
  };
}

export async function saveMetaConnection(
  shopId: string,
  form: Record<string, unknown>,
): Promise<{ ok: true } | { ok: false; fieldErrors: Record<string, string>; formError?: string }> {
  const input: Record<string, string> = {};
  for (const f of META_FIELDS) {
    const v = form[f.key];
    if (typeof v === "string" && v.trim()) input[f.key] = v.trim();
  }
  const existing = await db().channelConnection.findUnique({
    where: { shopId_provider: { shopId, provider: "META" } },
    select: { id: true },
  });
  const probe: Record<string, string> = { ...input };
  if (existing) for (const f of META_FIELDS) if (f.secret && !probe[f.key]) probe[f.key] = "kept";
  const parsed = metaCredentialsSchema.safeParse(probe);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "form");
      const message =
        probe[key] === undefined ? "Required" : issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
      fieldErrors[key] ??= message;
    }
    return { ok: false, fieldErrors };
  }
  try {
    await saveConnection(shopId, "META", input);
  } catch (error) {
    if (error instanceof ConnectionError) return { ok: false, fieldErrors: {}, formError: error.message };
    throw error;
  }
  await db().channelConnection.update({
    where: { shopId_provider: { shopId, provider: "META" } },
    data: { status: "ACTIVE" },
  });
  return { ok: true };
}

export async function disconnectMeta(shopId: string): Promise<boolean> {
  const { count } = await db().channelConnection.deleteMany({ where: { shopId, provider: "META" } });
  return count > 0;
}
