// "Is this address one of ours?": the shop's own SMS number and WhatsApp sender, Meta page and
// Instagram account, SendGrid sender and reply-to domain. Anything automatic that would write to
// one of them (a satisfaction survey to a "customer" who is our own mail coming back) would only
// loop; the send guard (send-guard.ts) refuses such a send, and this lets callers skip it first.
import type { Channel } from "../generated/prisma/enums";
import { loadConnection, ConnectionError } from "./credentials.server";
import { providerFor } from "./registry";
import { checkSend, ownAddressesOf } from "./send-guard";

export async function isOwnChannelAddress(
  shopId: string,
  channel: Channel,
  address: string | null | undefined,
): Promise<boolean> {
  const provider = providerFor(channel);
  if (!provider || !address) return false;
  let connection;
  try {
    connection = await loadConnection(shopId, provider);
  } catch (err) {
    if (err instanceof ConnectionError) return false;
    throw err;
  }
  if (!connection) return false;
  const verdict = checkSend(
    { direction: "OUTBOUND", deliveryStatus: "PENDING", channel, toAddress: address },
    ownAddressesOf(connection.credentials),
  );
  return !verdict.ok && verdict.reason === "ECHO_LOOP";
}
