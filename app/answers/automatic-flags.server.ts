// What the inbox shows about the assistant: which conversations' latest message (the preview on
// the card) was written automatically. One query per inbox page.
import { db } from "../db/client.server";

export async function latestMessageAutomatic(shopId: string, conversationIds: string[]): Promise<Set<string>> {
  if (!conversationIds.length) return new Set();
  const latest = await db().message.findMany({
    where: { shopId, conversationId: { in: conversationIds }, internal: false },
    orderBy: [{ conversationId: "asc" }, { createdAt: "desc" }, { id: "desc" }],
    distinct: ["conversationId"],
    select: { conversationId: true, automatic: true },
  });
  return new Set(latest.filter((m) => m.automatic).map((m) => m.conversationId));
}

/** The plain words staff see beside an automatic message or a waiting conversation. */
export const AUTOMATIC_ANSWER_LABEL = "Automatic answer";
