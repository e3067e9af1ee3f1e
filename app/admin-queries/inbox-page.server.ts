// The inbox list page's data (/app/inbox): the filters from the URL (bad values fall back to the
// defaults), one page of conversations, the tags to filter by, and whether the shop has any
// conversation at all (for the empty state).
import { z } from "zod";
import { ASSIGNEE_FILTERS, CHANNEL_FILTERS, STATUS_FILTERS } from "../components/inbox-filters";
import { listConversations, listConversationTags } from "./inbox.server";
import { listQueue } from "../routing/queue.server";

const querySchema = z.object({
  status: z.enum(STATUS_FILTERS).optional().catch(undefined),
  channel: z.enum(CHANNEL_FILTERS).optional().catch(undefined),
  assignee: z.enum(ASSIGNEE_FILTERS).optional().catch(undefined),
  tag: z.string().trim().max(60).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
  dir: z.enum(["next", "previous"]).optional().catch(undefined),
  // "queue": open and unassigned, longest waiting first (app/routing/queue.server.ts).
  view: z.enum(["queue"]).optional().catch(undefined),
});

export async function inboxPageData(shopId: string, staffId: string, searchParams: URLSearchParams) {
  const query = querySchema.parse(Object.fromEntries(searchParams));
  const filters = {
    status: query.status ?? "OPEN",
    channel: query.channel ?? null,
    assignee: query.assignee ?? "anyone",
    tag: query.tag || null,
    q: query.q || null,
  } as const;
  const queue = query.view === "queue";
  const [{ conversations, pageInfo }, tags, any] = await Promise.all([
    queue
      ? listQueue({ shopId, channel: filters.channel, tag: filters.tag, cursor: query.cursor, direction: query.dir })
      : listConversations({ shopId, staffId, filters, cursor: query.cursor, direction: query.dir }),
    listConversationTags(shopId),
    listConversations({ shopId, pageSize: 1 }),
  ]);
  return {
    conversations,
    pageInfo,
    tags,
    filters: queue
      ? { ...filters, status: "OPEN" as const, assignee: "unassigned" as const, q: null, view: "queue" as const }
      : { ...filters, view: null },
    hasAny: any.conversations.length > 0,
  };
}
