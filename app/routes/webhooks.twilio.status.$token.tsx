// Twilio delivery status callbacks: POST /webhooks/twilio/status/<connection webhookToken>?threadline_message_id=<id>
// (form-encoded, X-Twilio-Signature over the public URL with the shop's auth token).
import type { ActionFunctionArgs } from "@remix-run/node";
import { loadConnectionByWebhookToken } from "../channels/credentials.server";
import { twilioAdapter } from "../channels/twilio/adapter.server";
import type { TwilioConnection } from "../channels/credentials.server";
import { formValue } from "../channels/types";
import { logger } from "../lib/logger.server";
import { applyStatusUpdates } from "../messages/apply-status-updates.server";
import { methodNotAllowed, readProviderRequest } from "../messages/provider-webhook.server";

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  const connection = await loadConnectionByWebhookToken(params.token ?? "");
  if (!connection || connection.provider !== "TWILIO") {
    logger.warn({ route: "twilio-status" }, "Twilio status callback for an unknown webhook token");
    return new Response("Unknown webhook URL", { status: 404 });
  }
  const req = await readProviderRequest(request);
  if (req instanceof Response) return req;
  if (!twilioAdapter.verifySignature(req, connection.credentials as TwilioConnection)) {
    logger.warn(
      { route: "twilio-status", shopId: connection.shopId },
      "Twilio status callback with an invalid signature",
    );
    return new Response("Invalid signature", { status: 403 });
  }
  const form = Object.fromEntries(new URLSearchParams(req.rawBody.toString()));
  if (!formValue(form, "MessageSid") && !formValue(form, "SmsSid")) {
    logger.warn({ route: "twilio-status", shopId: connection.shopId }, "Twilio status callback without MessageSid");
    return new Response("MessageSid is required", { status: 400 });
  }
  const updates = twilioAdapter.parseStatus(req);
  if (updates.length) await applyStatusUpdates(connection.shopId, updates);
  return new Response(null, { status: 200 });
}

export const loader = () => methodNotAllowed();
