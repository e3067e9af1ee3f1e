// Reads back what Twilio holds for one recipient and sender: the Messages list resource
// (GET /2010-04-01/Accounts/{Sid}/Messages.json?To=…&From=…), newest first. Used after a crash to
// learn whether a send we cannot account for was accepted (app/messages/crash-recovery.server.ts).
// No DateSent filter: a message Twilio still holds as queued has no date_sent, and a DateSent
// filter would hide exactly the message we are looking for. The caller filters on date_created.
import type { TwilioConnection } from "../credentials.server";
import { createTwilioClient } from "./http-client.server";
import type { TwilioRoute } from "./routing";

export interface TwilioSentMessage {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  status: string;
  direction: string;
  dateCreated: Date;
}

/** Enough for one recipient and sender over the minutes a recovery looks back. */
const LOOKBACK_MESSAGES = 100;

/** Throws when Twilio cannot be asked (network, auth, 5xx): the caller must not guess. */
export async function listTwilioMessages(
  connection: TwilioConnection,
  route: Extract<TwilioRoute, { ok: true }>,
): Promise<TwilioSentMessage[]> {
  const client = createTwilioClient({
    accountSid: connection.accountSid,
    authToken: connection.authToken,
    http: { timeout: 10_000 },
  });
  const found = await client.messages.list({
    to: route.to,
    ...(route.from ? { from: route.from } : {}),
    pageSize: LOOKBACK_MESSAGES,
    limit: LOOKBACK_MESSAGES,
  });
  return found
    .filter((m) => !route.messagingServiceSid || m.messagingServiceSid === route.messagingServiceSid)
    .map((m) => ({
      sid: m.sid,
      to: m.to,
      from: m.from ?? null,
      messagingServiceSid: m.messagingServiceSid ?? null,
      body: m.body ?? "",
      status: String(m.status),
      direction: String(m.direction),
      dateCreated: m.dateCreated,
    }));
}
