// The Channels settings page's server side: what the page shows (Twilio and SendGrid from
// getChannelSettings, Meta and the Inbound Parse URL from inboundChannelSettings) and what its
// forms do (save, test, disconnect). Replies keep the { intent, provider, … } shape the page
// and outside tests read.
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
import { CONNECTABLE_PROVIDERS, type ConnectableProvider } from "../components/channel-fields";
import {
  disconnectMeta,
  inboundChannelSettings,
  saveMetaConnection,
} from "../messages/inbound-channel-settings.server";

export type ChannelActionData =
  | { intent: "save"; provider: ConnectableProvider; ok: true }
  | { intent: "save"; provider: ConnectableProvider; ok: false; fieldErrors: FieldErrors; formError?: string }
  | { intent: "test"; provider: ConnectableProvider; result: TestSendResult; fieldErrors?: FieldErrors }
  | { intent: "disconnect"; provider: ConnectableProvider; ok: boolean };

export type MetaActionData =
  | { intent: "save"; provider: "META"; ok: true }
  | { intent: "save"; provider: "META"; ok: false; fieldErrors: FieldErrors; formError?: string }
  | { intent: "disconnect"; provider: "META"; ok: boolean };

type Reply = { body: ChannelActionData | MetaActionData | { error: string }; status: number };

const intentSchema = z.object({
  intent: z.enum(["save", "test", "disconnect"]),
  provider: z.enum(CONNECTABLE_PROVIDERS),
});

const UNKNOWN: Reply = { body: { error: "Unknown action" }, status: 400 };

export async function channelsPageData(shopId: string) {
  const [settings, inbound] = await Promise.all([getChannelSettings(shopId), inboundChannelSettings(shopId)]);
  // The SendGrid card also shows the Inbound Parse URL (after the Event Webhook URL).
  const providers = settings.providers.map((p) =>
    p.provider === "SENDGRID" && inbound.sendGridInbound
      ? { ...p, webhookUrls: [...p.webhookUrls, inbound.sendGridInbound] }
      : p,
  );
  return { ...settings, providers, meta: inbound.meta };
}

export async function runChannelsAction(
  shop: { id: string; name: string | null; domain: string },
  form: Record<string, unknown>,
): Promise<Reply> {
  if (form.provider === "META") return runMetaAction(shop.id, form);
  const parsed = intentSchema.safeParse(form);
  if (!parsed.success) return UNKNOWN;
  const { intent, provider } = parsed.data;
  if (intent === "save") {
    const result = await saveChannelConnection(shop.id, provider, form);
    return { body: { intent, provider, ...result }, status: result.ok ? 200 : 422 };
  }
  if (intent === "test") {
    const input = testSendSchema.safeParse(form);
    if (!input.success) {
      const fieldErrors: FieldErrors = {};
      for (const issue of input.error.issues) fieldErrors[String(issue.path[0] ?? "to")] ??= issue.message;
      return {
        body: { intent, provider, result: { ok: false, reason: "Check the recipient." }, fieldErrors },
        status: 422,
      };
    }
    const result = await sendTestMessage(shop.id, input.data, shop.name ?? shop.domain);
    return { body: { intent, provider, result }, status: 200 };
  }
  const ok = await disconnectChannel(shop.id, provider);
  return { body: { intent, provider, ok }, status: 200 };
}

async function runMetaAction(shopId: string, form: Record<string, unknown>): Promise<Reply> {
  if (form.intent === "save") {
    const result = await saveMetaConnection(shopId, form);
    return { body: { intent: "save", provider: "META", ...result }, status: result.ok ? 200 : 422 };
  }
  if (form.intent === "disconnect") {
    return { body: { intent: "disconnect", provider: "META", ok: await disconnectMeta(shopId) }, status: 200 };
  }
  return UNKNOWN;
}
