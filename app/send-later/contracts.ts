// The shape of one scheduled reply as the conversation page and GET /app/inbox/<id>/scheduled show it.
import type { Channel } from "../generated/prisma/enums";

export interface ScheduledReplyView {
  id: string;
  channel: Channel;
  subject: string | null;
  /** The first 140 characters of the body. */
  preview: string;
  sendAt: string;
  state: "SCHEDULED" | "FAILED";
  staffName: string | null;
  /** Why a FAILED reply was not sent, in words for staff. */
  error: string | null;
}
