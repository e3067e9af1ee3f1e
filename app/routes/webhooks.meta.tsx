// Meta (Messenger + Instagram Direct) webhook: one app-level URL, /webhooks/meta.
// GET: the subscription handshake, answered with hub.challenge when hub.verify_token equals the
// verify token of one of the META connections, else 403.
// POST: every entry[].id (page id or Instagram account id) must belong to a connection, and
// X-Hub-Signature-256 over the raw body must verify with that connection's app secret; otherwise
// 403 and nothing is stored. Messages are stored once per mid; echoes (our own sends coming back)
// are ignored; delivery / read events move our outbound messages' statuses.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  findConnectionsByAccountId,
  loadConnection,
  type LoadedConnection,
  type MetaConnection,
} from "../channels/credentials.server";
import { metaAdapter, verifySubscription } from "../channels/meta/adapter.server";
import type { InboundHttpRequest } from "../channels/types";
import { db } from "../db/client.server";
import { customerForPlatformId } from "../customers/inbound-platform-customer.server";
import { conversationForInbound } from "../conversations/conversation-for-inbound.server";
import { logger } from "../lib/logger.server";
import { applyStatusUpdates } from "../messages/apply-status-updates.server";
import { readProviderRequest } from "../messages/provider-webhook.server";
import { storeChannelInbound } from "../messages/store-channel-inbound.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const query = new URL(request.url).searchParams;
  if (query.get("hub.mode") !== "subscribe" || !query.get("hub.verify_token"))
    return new Response("Forbidden", { status: 403 });
  const rows = await db().channelConnection.findMany({ where: { provider: "META" }, select: { shopId: true } });
  for (const row of rows) {
    let connection: LoadedConnection<"META"> | null = null;
    try {
      connection = await loadConnection(row.shopId, "META");
    } catch {
      continue;
    }
    if (!connection) continue;
    const challenge = verifySubscription(query, connection.credentials.verifyToken);
    if (challenge !== null) return new Response(challenge, { status: 200, headers: { "Content-Type": "text/plain" } });
  }
  logger.warn({ route: "meta" }, "Meta subscription handshake with an unknown verify token");
  return new Response("Forbidden", { status: 403 });
}

interface Entry {
  id?: unknown;
  [key: string]: unknown;
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method Not Allowed", { status: 405 });
  const req = await readProviderRequest(request);
  if (req instanceof Response) return req;
  if (!req.headers["x-hub-signature-256"]) return new Response("Missing signature", { status: 401 });

  let payload: { object?: unknown; entry?: unknown };
  try {
    payload = JSON.parse(req.rawBody.toString("utf8"));
  } catch {
    return new Response("Invalid JSON", { status: 400 });
  }
  const entries = Array.isArray(payload?.entry) ? (payload.entry as Entry[]) : [];
  // Which connection owns each entry; every owner must verify the signature.
  const owned: Array<{ connection: LoadedConnection<"META">; entry: Entry }> = [];
  for (const entry of entries) {
    const accountId = typeof entry?.id === "string" || typeof entry?.id === "number" ? String(entry.id) : "";
    const candidates = accountId ? await findConnectionsByAccountId("META", accountId) : [];
    const connection = candidates.find((c) => metaAdapter.verifySignature(req, c.credentials as MetaConnection));
    if (!connection) {
      logger.warn({ route: "meta", accountId }, "Meta webhook for an unknown account or with an invalid signature");
      return new Response("Invalid signature", { status: 403 });
    }
    owned.push({ connection, entry });
  }

  for (const { connection, entry } of owned) {
    const shopId = connection.shopId;
    const part: InboundHttpRequest = { ...req, rawBody: JSON.stringify({ object: payload.object, entry: [entry] }) };
    const ownIds = new Set([
      String(entry.id),
      connection.credentials.pageId,
      connection.credentials.instagramAccountId,
    ]);
    for (const inbound of metaAdapter.parseInbound(part)) {
      // Sent by our own page or Instagram account without is_echo: never a customer, never answered.
      if (ownIds.has(inbound.from)) {
        logger.warn({ route: "meta", shopId }, "Meta message from our own account ignored");
        continue;
      }
      const kind = inbound.channel === "INSTAGRAM" ? "INSTAGRAM" : "MESSENGER";
      await storeChannelInbound(
        shopId,
        {
          idempotencyKey: `inbound:meta:${inbound.providerMessageId}`,
          channel: inbound.channel,
          body: inbound.body,
          mediaUrls: inbound.mediaUrls,
          fromAddress: inbound.from,
          toAddress: inbound.to,
          providerMessageId: inbound.providerMessageId,
          metadata: {
            ...(inbound.inReplyTo ? { replyToMid: inbound.inReplyTo } : {}),
            ...(inbound.quickReplyPayload ? { quickReplyPayload: inbound.quickReplyPayload } : {}),
          },
        },
        async (tx) => {
          const { customerId } = await customerForPlatformId(tx, shopId, kind, inbound.from);
          return { customerId, conversationId: await conversationForInbound(tx, shopId, customerId) };
        },
      );
    }
    const updates = metaAdapter.parseStatus(part);
    if (updates.length) await applyStatusUpdates(shopId, updates);
  }
  // Meta wants a quick 200 for everything it may not resend (echoes, unknown event kinds).
  return new Response("EVENT_RECEIVED", { status: 200 });
}
