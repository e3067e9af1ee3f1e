// Twilio inbound SMS / WhatsApp: POST /webhooks/twilio/inbound/<connection webhookToken>
// (the "A message comes in" URL). Answers empty TwiML: replies go through our send pipeline.
import type { ActionFunctionArgs } from "@remix-run/node";
import { loadConnectionByWebhookToken, type TwilioConnection } from "../channels/credentials.server";
import { twilioAdapter } from "../channels/twilio/adapter.server";
import { logger } from "../lib/logger.server";
import { EMPTY_TWIML, methodNotAllowed, readProviderRequest } from "../messages/provider-webhook.server";
import { receivePhoneInbound } from "../messages/receive-inbound.server";

const twiml = () => new Response(EMPTY_TWIML, { status: 200, headers: { "Content-Type": "text/xml" } });

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  const connection = await loadConnectionByWebhookToken(params.token ?? "");
  if (!connection || connection.provider !== "TWILIO") {
    logger.warn({ route: "twilio-inbound" }, "Twilio inbound webhook for an unknown webhook token");
    return new Response("Unknown webhook URL", { status: 404 });
  }
  const req = await readProviderRequest(request);
  if (req instanceof Response) return req;
  if (!twilioAdapter.verifySignature(req, connection.credentials as TwilioConnection)) {
    logger.warn(
      { route: "twilio-inbound", shopId: connection.shopId },
      "Twilio inbound webhook with an invalid signature",
    );
    return new Response("Invalid signature", { status: 403 });
  }
  const messages = twilioAdapter.parseInbound(req);
  if (messages.length === 0) {
    // A delivery status posted to the inbound URL (a console misconfiguration) is not an error.
    const form = new URLSearchParams(req.rawBody.toString());
    if (form.get("MessageSid") && form.get("MessageStatus")) return twiml();
    logger.warn({ route: "twilio-inbound", shopId: connection.shopId }, "Twilio inbound webhook without a message");
    return new Response("MessageSid and From are required", { status: 400 });
  }
  const credentials = connection.credentials as TwilioConnection;
  const ownNumbers = new Set([credentials.fromNumber, credentials.whatsappFrom].filter(Boolean));
  for (const inbound of messages) {
    // Our own sender coming back (a forwarding loop, a test from the console) is not a customer:
    // storing it would make our number a customer and let the assistant answer itself.
    if (ownNumbers.has(inbound.from)) {
      logger.warn(
        { route: "twilio-inbound", shopId: connection.shopId, channel: inbound.channel },
        "Twilio inbound message from our own sender ignored",
      );
      continue;
    }
    await receivePhoneInbound(connection.shopId, "TWILIO", inbound);
  }
  return twiml();
}

export const loader = () => methodNotAllowed();
