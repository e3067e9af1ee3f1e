// The activity lines of a conversation (ConversationActivity), oldest first, as text.
import { db } from "../db/client.server";
import { activityText } from "./activity-text";

export const ACTIVITY_LIMIT = 200;

export interface ActivityLine {
  kind: "activity";
  id: string;
  at: Date;
  activityKind: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  /** Plain text: render as text, never as HTML. */
  text: string;
}

export async function activityLines(shopId: string, conversationId: string): Promise<ActivityLine[]> {
  const rows = await db().conversationActivity.findMany({
    where: { shopId, conversationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: ACTIVITY_LIMIT,
  });
  return rows.reverse().map((r) => ({
    kind: "activity",
    id: r.id,
    at: r.createdAt,
    activityKind: r.kind,
    actorType: r.actorType,
    actorId: r.actorId,
    actorName: r.actorName,
    text: activityText(r),
  }));
}
