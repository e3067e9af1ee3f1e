// The plain sends of a batch: read, checked, claimed, sent and recorded set-based. Returns every
// message it settled (sent, failed and recorded, or found claimed by someone else); the rest are
// left to sendMessage. Failures that sendMessage's rules turn into a retry are added to `failed`.
import { db } from "../../db/client.server";
import * as sql from "../../generated/prisma/sql";
import { logger } from "../../lib/logger.server";
import { loadConnection, type LoadedConnection } from "../../channels/credentials.server";
import { adapterForProvider, providerFor } from "../../channels/registry";
import { checkSend, ownAddressesOf } from "../../channels/send-guard";
import { revokedReasonFromRows } from "../../consent/effective-consent.server";
import type { ChannelProvider, Consent, Message } from "../../generated/prisma/client";
import type { OutboundMetadata } from "../../messages/claim-outbound.server";
import { buildOutbound, handleFailure, isKeywordConfirmation, senderOf } from "../../messages/send-message.server";
import type { SendFailure, SendResult } from "../../channels/types";
import { mapInChunks } from "../map-in-chunks";
import { yieldToIntake } from "../yield-to-intake";
import { recordAcceptedSends, type AcceptedSend } from "./record-accepted.server";

const PARALLEL_CALLS = 50;

function purposeOf(message: Message) {
  const meta = message.metadata as OutboundMetadata | null;
  return meta?.purpose ?? "TRANSACTIONAL";
}

async function connectionsFor(messages: Message[]) {
  const wanted = new Map<string, { shopId: string; provider: ChannelProvider }>();
  for (const m of messages) {
    const provider = providerFor(m.channel);
    if (provider) wanted.set(`${m.shopId}|${provider}`, { shopId: m.shopId, provider });
  }
  const loaded = await Promise.all(
    [...wanted.entries()].map(async ([key, { shopId, provider }]) => {
      const connection = await loadConnection(shopId, provider).catch(() => null);
      return [key, connection] as const;
    }),
  );
  return new Map(loaded);
}

/** The messages sendMessage would send straight away, with their connection. */
async function plainMessages(messageIds: string[], inserted: ReadonlyMap<string, Message>) {
  const unknown = messageIds.filter((id) => !inserted.has(id));
  const read = unknown.length
    ? await db().message.findMany({
        where: { id: { in: unknown }, direction: "OUTBOUND", internal: false, deliveryStatus: "PENDING" },
      })
    : [];
  const messages = [...messageIds.flatMap((id) => inserted.get(id) ?? []), ...read];
  const candidates = messages.filter(
    (m) => !m.sendAttemptedAt && m.channel !== "CHAT" && !isKeywordConfirmation(m) && providerFor(m.channel),
  );
  if (candidates.length === 0) return [];
  const runIds = [...new Set(candidates.map((m) => m.flowRunId).filter((id): id is string => !!id))];
  const [runs, revoked, connections] = await Promise.all([
    runIds.length ? db().flowRun.findMany({ where: { id: { in: runIds } }, select: { id: true, status: true } }) : [],
    // One array parameter, not Prisma's one parameter per id (see batch-facts.server.ts).
    db().$queryRaw<Pick<Consent, "customerId" | "channel" | "purpose" | "source">[]>`
      SELECT "customerId", "channel"::text, "purpose"::text, "source"::text FROM "Consent"
       WHERE "customerId" = ANY(${[...new Set(candidates.map((m) => m.customerId))]}::text[])
         AND "state" = 'REVOKED'`,
    connectionsFor(candidates),
  ]);
  const cancelled = new Set(runs.filter((r) => r.status === "CANCELLED").map((r) => r.id));
  const plain: { message: Message; connection: LoadedConnection }[] = [];
  for (const message of candidates) {
    if (message.flowRunId && cancelled.has(message.flowRunId)) continue;
    const rows = revoked.filter((r) => r.customerId === message.customerId && r.channel === message.channel);
    if (revokedReasonFromRows(rows, message.channel, purposeOf(message))) continue;
    const connection = connections.get(`${message.shopId}|${providerFor(message.channel)}`);
    if (!connection || connection.status === "DISABLED") continue;
    if (!checkSend(message, ownAddressesOf(connection.credentials)).ok) continue;
    plain.push({ message, connection });
  }
  return plain;
}

/**
 * `inserted`: rows the caller's claim inserted in this job (inserted-message.ts), used instead of
 * reading them back.
 */
export async function sendPlainMessages(
  messageIds: string[],
  failed: Map<string, unknown>,
  inserted: ReadonlyMap<string, Message> = new Map(),
): Promise<Set<string>> {
  const plain = await plainMessages(messageIds, inserted);
  if (plain.length === 0) return new Set();
  // The claim, committed before any provider call. A message another worker claimed is theirs.
  const claimedRows = await db().$queryRawTyped(
    sql.claimBatchSendAttempts(
      plain.map((p) => p.message.id),
      new Date(),
    ),
  );
  const claimed = new Set(claimedRows.map((r) => r.id));
  const settled = new Set(plain.map((p) => p.message.id));

  const accepted: AcceptedSend[] = [];
  const refused: { message: Message; result: SendFailure }[] = [];
  await mapInChunks(
    plain.filter((p) => claimed.has(p.message.id)),
    PARALLEL_CALLS,
    async ({ message, connection }) => {
      await yieldToIntake();
      const adapter = adapterForProvider(connection.provider);
      const result: SendResult = await adapter
        .send(buildOutbound(message, connection), connection.credentials)
        .catch((error: unknown) => ({
          ok: false as const,
          status: "FAILED" as const,
          errorCode: "SEND_ERROR",
          errorMessage: `The send did not complete: ${(error as Error).message}.`,
          retryable: false,
          ambiguous: true,
        }));
      if (result.ok) {
        accepted.push({
          message,
          providerMessageId: result.providerMessageId,
          status: result.status,
          from: senderOf(message, connection.credentials),
        });
      } else {
        refused.push({ message, result });
      }
    },
  );
  try {
    await recordAcceptedSends(accepted);
  } catch (error) {
    // Sent but not recorded: their own send job finds the claim and never sends again.
    for (const a of accepted) failed.set(a.message.id, error);
  }
  for (const { message, result } of refused) {
    logger.warn(
      { messageId: message.id, channel: message.channel, errorCode: result.errorCode, retryable: result.retryable },
      "send failed",
    );
    try {
      await handleFailure(message, result);
    } catch (error) {
      failed.set(message.id, error);
    }
  }
  return settled;
}
