// Messages claimed by a batch, sent by the same job with the guarantees of sendMessage
// (app/messages/send-message.server.ts): the attempt of every message is claimed in one committed
// statement before any provider call, the calls go out side by side, and the acceptances are
// written in one transaction. A message that needs more than that (a cancelled run, a revoked
// consent, no connection, a guard refusal, a failure) runs through sendMessage alone, which
// records exactly what it always did. Messages the caller's claim inserted in this job may be
// passed as `inserted` (no read back). Returns the messages that threw (retryable provider errors
// and the unexpected): the caller gives those a send job of their own.
import type { Message } from "../../generated/prisma/client";
import { sendMessage } from "../../messages/send-message.server";
import { batchThenEach } from "../batch-then-each";
import { sendPlainMessages } from "./send-plain.server";

export async function sendClaimedMessages(
  messageIds: string[],
  inserted: ReadonlyMap<string, Message> = new Map(),
): Promise<Map<string, unknown>> {
  const failedInBatch = new Map<string, unknown>();
  const failedAlone = await batchThenEach(
    messageIds,
    { name: "sends", parallel: 50 },
    (ids) => sendPlainMessages(ids, failedInBatch, inserted),
    (id) => sendMessage(id),
  );
  return new Map([...failedInBatch, ...failedAlone]);
}
