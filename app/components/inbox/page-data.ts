// The inbox list's data as the browser receives it, for the parts that make up the page.
import type { SerializeFrom } from "@remix-run/node";
import type { inboxPageData } from "../../admin-queries/inbox-page.server";

type InboxPageData = SerializeFrom<typeof inboxPageData>;
export type InboxFilterValues = InboxPageData["filters"];
export type InboxConversation = InboxPageData["conversations"][number];
