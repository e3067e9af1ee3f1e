// Sends a batch's claimed messages, each sender no faster than its rate: tokens are taken from the
// sender's bucket (throttle.server.ts) before each group of provider calls, and the calls go
// through the dispatch hot path's sender (app/dispatch/sends/: attempt claimed in one committed
// statement, calls side by side, acceptances recorded in one transaction; anything else through
// sendMessage). A message that failed retryably gets a send job of its own (its usual backoff).
import type { Message } from "../../generated/prisma/client";
import { sendClaimedMessages } from "../../dispatch/sends/send-claimed.server";
import { logger } from "../../lib/logger.server";
import { enqueueSend } from "../../messages/enqueue-send.server";
import type { CampaignChannel } from "../content";
import type { ClaimedSend } from "./claim-recipients.server";
import type { Sender } from "./senders.server";
import { takeSendTokens } from "./throttle.server";

async function sendThroughSender(
  messageIds: string[],
  sender: Sender | undefined,
  inserted: ReadonlyMap<string, Message>,
): Promise<void> {
  let rest = messageIds;
  while (rest.length > 0) {
    const granted = sender ? await takeSendTokens(sender.key, sender.ratePerSecond, rest.length) : rest.length;
    const now = rest.slice(0, granted);
    rest = rest.slice(granted);
    const failed = await sendClaimedMessages(now, inserted);
    for (const [messageId, error] of failed) {
      logger.warn({ messageId, err: (error as Error)?.message }, "campaign send retried by its own job");
      await enqueueSend(messageId).catch(() => undefined); // the reconciler gives it a job otherwise
    }
  }
}

export async function sendThrottled(
  claimed: ClaimedSend[],
  senders: Partial<Record<CampaignChannel, Sender>>,
): Promise<void> {
  const byChannel = new Map<CampaignChannel, string[]>();
  for (const c of claimed) byChannel.set(c.channel, [...(byChannel.get(c.channel) ?? []), c.messageId]);
  const inserted = new Map(claimed.flatMap((c) => (c.inserted ? [[c.messageId, c.inserted] as const] : [])));
  await Promise.all([...byChannel].map(([channel, ids]) => sendThroughSender(ids, senders[channel], inserted)));
}
