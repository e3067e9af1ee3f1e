// SendGrid Event Webhook: POST /webhooks/sendgrid/events/<connection webhookToken>, a JSON array
// of events, ECDSA-signed over timestamp + the raw body with the connection's verification key,
// and refused outside a 10-minute window around that signed timestamp (event-timestamp.ts).
import type { ActionFunctionArgs } from "@remix-run/node";
import { loadConnectionByWebhookToken, type SendGridConnection } from "../channels/credentials.server";
import { SENDGRID_TIMESTAMP_HEADER, sendGridAdapter } from "../channels/sendgrid/adapter.server";
import { eventTimestampIsFresh } from "../channels/sendgrid/event-timestamp";
import { rawBodyText } from "../channels/types";
import { logger } from "../lib/logger.server";
import { applyStatusUpdates } from "../messages/apply-status-updates.server";
import { methodNotAllowed, readProviderRequest } from "../messages/provider-webhook.server";

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  const connection = await loadConnectionByWebhookToken(params.token ?? "");
  if (!connection || connection.provider !== "SENDGRID") {
    logger.warn({ route: "sendgrid-events" }, "SendGrid event webhook for an unknown webhook token");
    return new Response("Unknown webhook URL", { status: 404 });
  }
  const req = await readProviderRequest(request);
  if (req instanceof Response) return req;
  if (!sendGridAdapter.verifySignature(req, connection.credentials as SendGridConnection)) {
    logger.warn(
      { route: "sendgrid-events", shopId: connection.shopId },
      "SendGrid event webhook with an invalid signature",
    );
    return new Response("Invalid signature", { status: 403 });
  }
  const timestamp = req.headers[SENDGRID_TIMESTAMP_HEADER.toLowerCase()];
  if (!eventTimestampIsFresh(timestamp)) {
    logger.warn(
      { route: "sendgrid-events", shopId: connection.shopId, timestamp },
      "SendGrid event webhook timestamp outside the 10-minute window (replay?)",
    );
    return new Response("Stale or future timestamp", { status: 403 });
  }
  let events: unknown;
  try {
    events = JSON.parse(rawBodyText(req));
  } catch {
    events = undefined;
  }
  if (!Array.isArray(events)) {
    logger.warn(
      { route: "sendgrid-events", shopId: connection.shopId },
      "SendGrid event webhook body is not a JSON array",
    );
    return new Response("Expected a JSON array of events", { status: 400 });
  }
  const updates = sendGridAdapter.parseStatus(req);
  if (updates.length) await applyStatusUpdates(connection.shopId, updates);
  return new Response(null, { status: 200 });
}

export const loader = () => methodNotAllowed();
