// SendGrid Inbound Parse: POST /webhooks/sendgrid/inbound/<connection webhookToken> (multipart).
// Inbound Parse signs nothing, so the unguessable token in the URL authenticates the shop, and
// when the connection has a reply-to domain the envelope must have been addressed to it.
// Threading: the per-conversation reply-to address, then In-Reply-To / References naming a
// message we sent, then the sender's email identity. Those name a conversation, never the sender:
// who wrote is judged from SendGrid's SPF / dkim results and the customer's known addresses
// (placeInboundEmail, decision 0021). Stored once per Message-ID however often SendGrid retries
// (it retries on any non-2xx answer).
import type { ActionFunctionArgs } from "@remix-run/node";
import { loadConnectionByWebhookToken, type SendGridConnection } from "../channels/credentials.server";
import { sendGridAdapter } from "../channels/sendgrid/adapter.server";
import { parseAddressList, parseEmailAuth, parseHeaderBlock } from "../channels/sendgrid/inbound-email";
import type { InboundHttpRequest } from "../channels/types";
import { normaliseEmail } from "../customers/addresses";
import { autoReplyReason } from "../answers/auto-reply";
import { logger } from "../lib/logger.server";
import { conversationByReferences, conversationByReplyAddress } from "../messages/email-threading.server";
import { senderAuthenticated } from "../messages/email-sender-trust.server";
import { placeInboundEmail } from "../messages/place-inbound-email.server";
import { methodNotAllowed, publicUrlOf } from "../messages/provider-webhook.server";
import { storeChannelInbound } from "../messages/store-channel-inbound.server";
import { BodyTooLargeError, readBodyWithLimit } from "../webhooks/read-body.server";

/** Inbound Parse posts up to 30 MB (attachments included); attachments are not kept. */
const MAX_BYTES = 30 * 1024 * 1024;

function envelopeRecipients(raw: string | undefined): string[] | null {
  if (!raw) return null;
  try {
    const env = JSON.parse(raw) as { to?: unknown };
    if (!Array.isArray(env.to)) return null;
    return env.to.map((t) => normaliseEmail(String(t))).filter((t): t is string => !!t);
  } catch {
    return null;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  const connection = await loadConnectionByWebhookToken(params.token ?? "");
  if (!connection || connection.provider !== "SENDGRID") {
    logger.warn({ route: "sendgrid-inbound" }, "Inbound Parse post for an unknown webhook token");
    return new Response("Unknown webhook URL", { status: 404 });
  }
  const credentials = connection.credentials as SendGridConnection;

  let bytes: Uint8Array;
  try {
    bytes = await readBodyWithLimit(request, MAX_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return new Response("Payload Too Large", { status: 413 });
    throw err;
  }
  const form: Record<string, string> = {};
  try {
    const data = await new Request("http://local/", {
      method: "POST",
      headers: { "Content-Type": request.headers.get("content-type") ?? "" },
      body: Buffer.from(bytes) as unknown as BodyInit,
    }).formData();
    for (const [key, value] of data.entries()) if (typeof value === "string" && !(key in form)) form[key] = value;
  } catch {
    return new Response("Expected multipart/form-data", { status: 400 });
  }

  const recipients = envelopeRecipients(form.envelope);
  if (credentials.replyToDomain) {
    const suffix = `@${credentials.replyToDomain}`;
    if (!recipients?.some((r) => r.endsWith(suffix))) {
      logger.warn(
        { route: "sendgrid-inbound", shopId: connection.shopId },
        "Inbound Parse post not addressed to the reply-to domain",
      );
      return new Response("Not addressed to this shop's reply-to domain", { status: 403 });
    }
  }

  const req: InboundHttpRequest = {
    url: publicUrlOf(request),
    headers: {},
    rawBody: Buffer.from(bytes),
    form,
  };
  const [inbound] = sendGridAdapter.parseInbound(req);
  if (!inbound) return new Response("from and to are required", { status: 400 });

  const headers = parseHeaderBlock(form.headers);
  const toAddresses = [
    ...(recipients ?? []),
    ...parseAddressList(form.to ?? headers.get("to")?.[0]).map((a) => a.email),
    ...parseAddressList(form.cc ?? headers.get("cc")?.[0]).map((a) => a.email),
  ];
  const threadIds = [...(inbound.inReplyTo ? [inbound.inReplyTo] : []), ...(inbound.references ?? []).reverse()];
  const shopId = connection.shopId;
  const [firstName, ...rest] = (inbound.profileName ?? "").trim().split(/\s+/).filter(Boolean);
  const authenticated = senderAuthenticated(
    inbound.from,
    parseEmailAuth({ spf: form.SPF ?? form.spf, dkim: form.dkim, envelope: form.envelope }),
  );

  // An out-of-office, a bounce or our own mail coming back is never answered automatically (the
  // raw headers are not kept).
  const autoReply = autoReplyReason({
    headers,
    subject: inbound.subject,
    from: inbound.from,
    own: { email: credentials.fromEmail, domain: credentials.replyToDomain },
  });

  const stored = await storeChannelInbound(
    shopId,
    {
      idempotencyKey: `inbound:sendgrid:${shopId}:${inbound.providerMessageId}`,
      channel: "EMAIL",
      body: inbound.body,
      fullBody: inbound.fullBody ?? null,
      subject: inbound.subject ?? null,
      fromAddress: inbound.from,
      toAddress: inbound.to,
      authorName: inbound.profileName ?? null,
      providerMessageId: inbound.providerMessageId,
      // Our own sender or reply-to domain: recorded, never answered by anything automatic.
      ownAddress: autoReply === "own_address",
      metadata: {
        ...(inbound.inReplyTo ? { inReplyTo: inbound.inReplyTo } : {}),
        ...(inbound.references?.length ? { references: inbound.references } : {}),
        ...(autoReply ? { autoReply } : {}),
      },
    },
    async (tx) => {
      const byAddress = await conversationByReplyAddress(tx, shopId, credentials.replyToDomain, toAddresses);
      return placeInboundEmail(tx, shopId, {
        from: inbound.from,
        authenticated,
        namedConversationId: byAddress ?? (await conversationByReferences(tx, shopId, threadIds)),
        firstName: firstName ?? null,
        lastName: rest.length ? rest.join(" ") : null,
      });
    },
  );
  logger.info(
    { route: "sendgrid-inbound", shopId, messageId: stored.messageId, created: stored.created },
    `inbound email${authenticated ? "" : ": sender failed SPF and DKIM"}`,
  );
  return new Response("OK", { status: 200 });
}

export const loader = () => methodNotAllowed();
