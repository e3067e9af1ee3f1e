// Which addresses a Twilio send went between: the recipient in Twilio's form and our sender (a
// number, a WhatsApp sender or a Messaging Service), for the look-up that finds a send a crash
// hid (lookup.server.ts). It must choose exactly as send() in adapter.server.ts does.
import type { Channel } from "../../generated/prisma/enums";
import type { TwilioConnection } from "../credentials.server";
import { twilioAddressToE164 } from "./adapter.server";

export type TwilioRoute =
  | { ok: true; to: string; from?: string; messagingServiceSid?: string }
  | { ok: false; reason: "INVALID_ADDRESS" | "MISSING_SENDER" };

export function twilioRoute(channel: Channel, rawTo: string, connection: TwilioConnection): TwilioRoute {
  const whatsapp = channel === "WHATSAPP";
  const phone = twilioAddressToE164(rawTo);
  if (!phone) return { ok: false, reason: "INVALID_ADDRESS" };
  const to = whatsapp ? `whatsapp:${phone}` : phone;
  if (whatsapp && connection.whatsappFrom) return { ok: true, to, from: `whatsapp:${connection.whatsappFrom}` };
  if (connection.messagingServiceSid) return { ok: true, to, messagingServiceSid: connection.messagingServiceSid };
  if (!whatsapp && connection.fromNumber) return { ok: true, to, from: connection.fromNumber };
  return { ok: false, reason: "MISSING_SENDER" };
}
