// What staff can do to one conversation from its page, one form `intent` each. The route
// authenticates and names the conversation; everything here is scoped to the shop, and an id
// from another shop answers 404 from the functions it calls.
import type { StaffMember } from "../shopify/admin-context.server";
import { z } from "zod";
import { requireConversation } from "../admin-queries/inbox.server";
import { addSenderAddress } from "../customers/add-sender-address.server";
import { renderSavedReply } from "../saved-replies/saved-replies.server";
import { sendCountingSuggestion, suggestionIdSchema } from "../suggestions/reply-suggestion.server";
import {
  addInternalNote,
  assignConversation,
  ConversationStateError,
  setConversationPriority,
  setConversationStatus,
  setConversationTags,
} from "./state.server";
import { sendStaffReply } from "./staff-reply.server";
import { assigneeFor, assignConversationTeam } from "../staff/assignment.server";

export type ConversationIntentResult =
  { ok: true; intent: string; rendered?: string } | { ok: false; intent: string; error: string; field?: string };

const SNOOZE_HOURS: Record<string, number> = { "1h": 1, "4h": 4, "1d": 24, "1w": 24 * 7 };
const PRIORITIES = ["LOW", "NORMAL", "HIGH", "URGENT"] as const;
const addSenderSchema = z.object({ messageId: z.string().min(1).max(64) });

export async function runConversationIntent(input: {
  shopId: string;
  conversationId: string;
  staff: StaffMember;
  form: FormData;
}): Promise<ConversationIntentResult> {
  const { shopId, conversationId: id, staff, form } = input;
  const intent = String(form.get("intent") ?? "");
  const str = (key: string) => {
    const v = form.get(key);
    return typeof v === "string" ? v : "";
  };
  const done = (extra: { rendered?: string } = {}): ConversationIntentResult => ({ ok: true, intent, ...extra });
  const fail = (error: string, field?: string): ConversationIntentResult => ({ ok: false, intent, error, field });
  try {
    switch (intent) {
      case "reply": {
        // A reply started from a suggested draft carries its id: counted as accepted or edited.
        const suggestion = str("suggestionId") ? suggestionIdSchema.safeParse(str("suggestionId")) : null;
        if (suggestion && !suggestion.success) return fail("The suggestion is not valid: reload the page.");
        const conversation = suggestion ? await requireConversation(shopId, id) : null;
        const result = await sendCountingSuggestion({
          shopId,
          customerId: conversation?.customerId ?? "",
          suggestionId: suggestion?.data ?? null,
          staffUserId: staff.id,
          surface: "inbox",
          send: () =>
            sendStaffReply({
              shopId,
              conversationId: id,
              staff,
              channel: str("channel"),
              body: str("body"),
              subject: str("subject"),
              clientId: str("clientId"),
            }),
          sentMessageId: (r) => (r.ok ? r.messageId : null),
        });
        return result.ok ? done() : fail(result.error, result.field);
      }
      case "note":
        await addInternalNote(shopId, id, staff, str("body"));
        return done();
      case "status": {
        const status = str("status");
        if (status === "SNOOZED") {
          const hours = SNOOZE_HOURS[str("snoozeFor")] ?? 24;
          await setConversationStatus(
            shopId,
            id,
            "SNOOZED",
            { snoozedUntil: new Date(Date.now() + hours * 3600_000) },
            staff,
          );
        } else if (status === "OPEN" || status === "PENDING" || status === "RESOLVED") {
          await setConversationStatus(shopId, id, status, {}, staff);
        } else return fail("Unknown status.");
        return done();
      }
      case "assign": {
        // "me", "" (nobody) or a staff member's user id (app/staff/assignment.server.ts).
        const assignee = await assigneeFor(shopId, str("assignee"), staff);
        if (assignee === undefined) return fail("That staff member is not on this shop's team.", "assignee");
        await assignConversation(shopId, id, assignee, staff);
        return done();
      }
      case "assign-team":
        await assignConversationTeam(shopId, id, str("teamId") || null, staff);
        return done();
      case "priority": {
        const priority = PRIORITIES.find((p) => p === str("priority"));
        if (!priority) return fail("Unknown priority.");
        await setConversationPriority(shopId, id, priority, staff);
        return done();
      }
      case "tags": {
        const tags = str("tags")
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean);
        await setConversationTags(shopId, id, tags, staff);
        return done();
      }
      case "add-sender": {
        const parsed = addSenderSchema.safeParse({ messageId: str("messageId") });
        if (!parsed.success) return fail("Pick the email whose sender to add.");
        const result = await addSenderAddress({ shopId, conversationId: id, messageId: parsed.data.messageId });
        return result.ok ? done() : fail(result.error);
      }
      case "render-saved-reply": {
        const conversation = await requireConversation(shopId, id);
        const rendered = await renderSavedReply(shopId, str("savedReplyId"), conversation.customerId);
        return rendered.ok ? done({ rendered: rendered.text }) : fail(rendered.error);
      }
      default:
        return fail("Unknown action.");
    }
  } catch (err) {
    if (err instanceof ConversationStateError) return fail(err.message);
    throw err;
  }
}
