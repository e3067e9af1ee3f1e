// Messages claimed by a batch, sent by the same job with the guarantees of sendMessage
// (app/messages/send-message.server.ts): the attempt of every message is claimed in one committed
// statement before any provider call, the calls go out side by side, and the acceptances are
// written in one transaction. A message that needs more than that (a cancelled run, a revoked
// consent, no connection, a guard refusal, a failure) runs through sendMessage alone, which
// records exactly what it always did. Returns the messages that threw (retryable provider errors
// and the unexpected): the caller gives those a send job of their own.
import { logger } from "../../lib/logger.server";
import { sendMessage } from "../../messages/send-message.server";
import { mapInChunks } from "../map-in-chunks";
import { sendPlainMessages } from "./send-plain.server";

const PARALLEL = 50;

export async function sendClaimedMessages(messageIds: string[]): Promise<Map<string, unknown>> {
  const failed = new Map<string, unknown>();
  let settled = new Set<string>();
  try {
    settled = await sendPlainMessages(messageIds, failed);
  } catch (error) {
    logger.warn({ messages: messageIds.length, err: (error as Error).message }, "batched sends gave way");
  }
  await mapInChunks(
    messageIds.filter((id) => !settled.has(id)),
    PARALLEL,
    async (messageId) => {
      try {
        await sendMessage(messageId);
      } catch (error) {
        failed.set(messageId, error);
      }
    },
  );
  return failed;
}
