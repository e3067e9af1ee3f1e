// Shopify Flow actions (decision 0041): Flow POSTs `{ shopify_domain, action_run_id, properties, … }`
// signed with the app secret; the route checks the signature with authenticate.flow and hands the
// parsed body here. Every action runs through the same domain code staff use, scoped to the shop
// that signed: another shop's conversation answers 404. Flow retries a failed request with the same
// action_run_id, so each action is safe to run twice: the saved reply is claimed under a key built
// from the run id (sent once), assigning and tagging converge on the same state.
import { z } from "zod";
import { db } from "../db/client.server";
import { logger } from "../lib/logger.server";
import { replyEmailSubject } from "../conversations/reply-email-subject.server";
import { replyOptionsFor, sendStaffReply } from "../conversations/staff-reply.server";
import {
  ConversationStateError,
  assignConversation,
  normaliseTags,
  setConversationTags,
} from "../conversations/state.server";
import { renderReplyText } from "../saved-replies/saved-replies.server";
import { FLOW_STAFF_ID } from "../staff/automation-authors";

const log = logger.child({ module: "shopify-flow-actions" });

export const FLOW_ACTIONS = ["send-saved-reply", "assign", "tag"] as const;
export type FlowActionName = (typeof FLOW_ACTIONS)[number];

/** Who the inbox shows as the author or assigner of what an action did. */
export const FLOW_STAFF = { id: FLOW_STAFF_ID, name: "Shopify Flow" } as const;

/** Who the conversation's activity line names for a Flow action: Flow, with the run's id. */
const flowActor = (runId: string) => ({ type: "FLOW" as const, id: runId, name: FLOW_STAFF.name });

/** A request the action cannot carry out; `field` names the property at fault. */
export class FlowActionError extends Error {
  constructor(
    readonly status: 400 | 404 | 422,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "FlowActionError";
  }
}

const envelope = z.object({
  shopify_domain: z.string().min(1),
  // Sent again unchanged when Flow retries: it keys the saved reply's send.
  action_run_id: z.string().regex(/^[A-Za-z0-9-]{8,52}$/, "must be Flow's action run id"),
  properties: z.record(z.string(), z.unknown()),
});

const textType = () =>
  z.string({ error: (issue) => (issue.input === undefined || issue.input === null ? "is required" : "must be text") });
const text = (max: number) => textType().trim().min(1, "is required").max(max, `can be at most ${max} characters`);
const optionalText = (max: number) =>
  textType()
    .trim()
    .max(max, `can be at most ${max} characters`)
    .nullish()
    .transform((v) => v || null);

export const FLOW_ACTION_PROPERTIES = {
  "send-saved-reply": z.object({
    conversation_id: text(64),
    saved_reply_name: text(200),
    channel: optionalText(20).pipe(z.enum(["SMS", "WHATSAPP", "EMAIL", "CHAT", "INSTAGRAM", "MESSENGER"]).nullable()),
    subject: optionalText(200),
  }),
  assign: z.object({
    conversation_id: text(64),
    assignee_name: text(100),
    assignee_id: optionalText(100),
  }),
  tag: z.object({ conversation_id: text(64), tags: text(1000) }),
} satisfies Record<FlowActionName, z.ZodType>;

function parse<T extends z.ZodType>(schema: T, value: unknown, prefix = ""): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = prefix + issue.path.join(".");
  throw new FlowActionError(400, `${field} ${issue.message}`, field);
}

async function shopIdOf(domain: string): Promise<string> {
  const shop = await db().shop.findUnique({ where: { domain }, select: { id: true, uninstalledAt: true } });
  if (!shop || shop.uninstalledAt) throw new FlowActionError(404, "Unknown shop.");
  return shop.id;
}

async function requireConversation(shopId: string, conversationId: string) {
  const conversation = await db().conversation.findFirst({
    where: { id: conversationId, shopId },
    select: {
      id: true,
      customerId: true,
      tags: true,
      lastInboundChannel: true,
      visitorReplyEmail: true,
      shop: { select: { name: true } },
    },
  });
  if (!conversation) throw new FlowActionError(404, "No such conversation.", "properties.conversation_id");
  return conversation;
}

export type FlowActionResult = Record<string, unknown>;

/** Runs one verified Flow action request (the JSON body authenticate.flow returned). */
export async function runFlowAction(action: FlowActionName, body: unknown): Promise<FlowActionResult> {
  const request = parse(envelope, body);
  const shopId = await shopIdOf(request.shopify_domain);
  const runId = request.action_run_id;
  const result = await ACTIONS[action](shopId, runId, request.properties);
  log.info({ shopId, action, actionRunId: runId }, "flow action done");
  return result;
}

type Runner = (shopId: string, runId: string, properties: unknown) => Promise<FlowActionResult>;

const ACTIONS: Record<FlowActionName, Runner> = {
  async "send-saved-reply"(shopId, runId, properties) {
    const input = parse(FLOW_ACTION_PROPERTIES["send-saved-reply"], properties, "properties.");
    const conversation = await requireConversation(shopId, input.conversation_id);
    const reply = await db().savedReply.findFirst({ where: { shopId, name: input.saved_reply_name } });
    if (!reply)
      throw new FlowActionError(
        404,
        `No saved reply is named "${input.saved_reply_name}".`,
        "properties.saved_reply_name",
      );
    const rendered = await renderReplyText(shopId, reply.body, conversation.customerId);
    if (!rendered.ok) throw new FlowActionError(422, rendered.error, "properties.saved_reply_name");
    const channel =
      input.channel ?? (await replyOptionsFor(shopId, conversation.customerId, conversation)).defaultChannel;
    if (!channel) throw new FlowActionError(422, "The customer cannot be reached on any channel.");
    const subject = channel === "EMAIL" ? (input.subject ?? (await replyEmailSubject(shopId, conversation))) : null;
    const sent = await sendStaffReply({
      shopId,
      conversationId: conversation.id,
      staff: FLOW_STAFF,
      channel,
      body: rendered.text,
      subject,
      // staff:<conversationId>:flow-action-<runId>: a retried run finds its message and sends nothing.
      clientId: `flow-action-${runId}`,
    });
    if (!sent.ok)
      throw new FlowActionError(
        422,
        sent.error,
        sent.field === "channel" ? "properties.channel" : sent.field === "subject" ? "properties.subject" : undefined,
      );
    return { messageId: sent.messageId, created: sent.created, channel };
  },

  async assign(shopId, runId, properties) {
    const input = parse(FLOW_ACTION_PROPERTIES.assign, properties, "properties.");
    await requireConversation(shopId, input.conversation_id);
    const assignee = { id: input.assignee_id ?? `flow:${input.assignee_name}`, name: input.assignee_name };
    const updated = await assignConversation(shopId, input.conversation_id, assignee, flowActor(runId));
    return { assigneeId: updated.assigneeId, assigneeName: updated.assigneeName };
  },

  async tag(shopId, runId, properties) {
    const input = parse(FLOW_ACTION_PROPERTIES.tag, properties, "properties.");
    const conversation = await requireConversation(shopId, input.conversation_id);
    let tags: string[];
    try {
      tags = normaliseTags([...conversation.tags, ...input.tags.split(",")]);
    } catch (error) {
      if (error instanceof ConversationStateError) throw new FlowActionError(400, error.message, "properties.tags");
      throw error;
    }
    const updated = await setConversationTags(shopId, conversation.id, tags, flowActor(runId));
    return { tags: updated.tags };
  },
};
