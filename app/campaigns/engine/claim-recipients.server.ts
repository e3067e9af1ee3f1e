// One dispatch batch's decisions and claims, in one transaction (the shape of
// app/dispatch/steps/claim-step-sends.server.ts): the due PENDING recipients are picked FOR UPDATE
// SKIP LOCKED (two batches never take the same one), decided, capped under the flows' cap locks,
// rendered, and their Messages claimed PENDING under campaign:<campaignId>:<customerId> on the
// customer's conversation, with each recipient's state (SENDING + messageId, SKIPPED + reason, or a
// later dueAt) written in the same commit. No provider is called before that commit.
import { timeOrderedId } from "../../lib/time-ordered-id";
import { db } from "../../db/client.server";
import { automatedConversationsFor, touchFoundConversations } from "../../dispatch/automated-conversations.server";
import * as sql from "../../generated/prisma/sql";
import type { Campaign, Message, Shop } from "../../generated/prisma/client";
import { insertedMessageRow } from "../../dispatch/sends/inserted-message";
import { listUnsubscribeHeaders, unsubscribeUrl } from "../../consent/unsubscribe-link.server";
import { frequencyCapAllowsAt } from "../../flows/frequency-cap";
import { shopMessagingSettings } from "../../flows/shop-settings";
import type { EmailSender } from "../../flow-runs/step-facts.server";
import { logger } from "../../lib/logger.server";
import type { OutboundMetadata } from "../../messages/claim-outbound.server";
import { withEmailThreading } from "../../messages/email-threading.server";
import { messageEventRow } from "../../messages/message-timeline.server";
import { buildTemplateContext } from "../../templates/context.server";
import { renderMessage } from "../../templates/render.server";
import type { CampaignChannel } from "../content";
import { readCampaignContent } from "../content";
import { capLockKey, loadBatchFacts, lockCaps, recentMarketingSendsOf, zoneOfCustomer } from "./batch-facts.server";
import { decideRecipient, type RecipientDecision, type SkipReason } from "./decide-recipient";
import { withUsOptOutLine } from "./opt-out-line";

export function campaignIdempotencyKey(campaignId: string, customerId: string): string {
  return `campaign:${campaignId}:${customerId}`;
}

export interface ClaimedSend {
  messageId: string;
  channel: CampaignChannel;
  /** The row as this claim inserted it (absent when an earlier claim had inserted it). */
  inserted?: Message;
}

export interface BatchClaim {
  picked: number;
  claimed: ClaimedSend[];
  skipped: number;
  deferred: number;
}

interface RecipientUpdate {
  id: string;
  state: "SENDING" | "SKIPPED" | "FAILED" | "PENDING";
  channel: string | null;
  messageId: string | null;
  skipReason: SkipReason | null;
  dueAt: string | null;
}

export interface ClaimInput {
  campaign: Campaign;
  shop: Shop;
  connected: Partial<Record<string, boolean>>;
  emailSender: EmailSender | null;
  limit: number;
  now: Date;
}

const json = (rows: unknown[]) => JSON.stringify(rows);

export async function claimDueRecipients(input: ClaimInput): Promise<BatchClaim> {
  const { campaign, shop, now } = input;
  const content = readCampaignContent(campaign.content);
  const settings = shopMessagingSettings(shop.settings);
  const cap = settings.frequencyCap;

  return db().$transaction(
    async (tx) => {
      const due = await tx.$queryRaw<{ id: string; customerId: string; variant: string }[]>`
        SELECT "id", "customerId", "variant" FROM "CampaignRecipient"
         WHERE "campaignId" = ${campaign.id} AND "state" = 'PENDING' AND "dueAt" <= ${now}
         ORDER BY "dueAt" LIMIT ${input.limit}
         FOR UPDATE SKIP LOCKED`;
      if (due.length === 0) return { picked: 0, claimed: [], skipped: 0, deferred: 0 };
      // Paused or cancelled since the job looked: nothing is picked (the lock orders us after the change).
      const [current] = await tx.$queryRaw<{ status: string }[]>`
        SELECT "status" FROM "Campaign" WHERE "id" = ${campaign.id} FOR SHARE`;
      if (current?.status !== "SENDING") return { picked: 0, claimed: [], skipped: 0, deferred: 0 };

      const facts = await loadBatchFacts(
        tx,
        shop.id,
        due.map((r) => r.customerId),
        campaign.channels.includes("WHATSAPP"),
      );
      const updates: RecipientUpdate[] = [];
      const toSend: { recipient: (typeof due)[number]; decision: Extract<RecipientDecision, { kind: "send" }> }[] = [];
      const skip = (id: string, reason: SkipReason, state: "SKIPPED" | "FAILED" = "SKIPPED") =>
        updates.push({ id, state, channel: null, messageId: null, skipReason: reason, dueAt: null });

      for (const recipient of due) {
        const customer = facts.customers.get(recipient.customerId);
        if (!customer || customer.mergedIntoId || customer.redactedAt) {
          skip(recipient.id, "no_channel");
          continue;
        }
        const decision = decideRecipient(
          {
            variant: content.variants.find((v) => v.key === recipient.variant) ?? content.variants[0],
            customer: {
              email: customer.email,
              phone: customer.phone,
              whatsapp: facts.whatsapp.get(customer.id) ?? null,
              lastWhatsappInboundAt: facts.lastWhatsappInbound.get(customer.id) ?? null,
            },
            consents: facts.consents.get(customer.id) ?? [],
            zone: () => zoneOfCustomer(customer, shop.ianaTimezone),
          },
          { channels: campaign.channels, connected: input.connected, quietHours: settings.quietHours, now },
        );
        if (decision.kind === "skip") skip(recipient.id, decision.reason);
        else if (decision.kind === "defer")
          updates.push({
            id: recipient.id,
            state: "PENDING",
            channel: null,
            messageId: null,
            skipReason: null,
            dueAt: decision.until.toISOString(),
          });
        else toSend.push({ recipient, decision });
      }

      // The frequency cap, under the flows' locks: a flow step claiming for the same customer and
      // channel waits for this commit and then counts this campaign's message.
      await lockCaps(
        tx,
        toSend.map((s) => capLockKey(s.recipient.customerId, s.decision.channel)),
      );
      const recent = toSend.length
        ? await recentMarketingSendsOf(
            tx,
            shop.id,
            toSend.map((s) => s.recipient.customerId),
            new Date(now.getTime() - cap.windowHours * 3600_000),
          )
        : new Map<string, Date[]>();
      const admitted = toSend.filter((s) => {
        const sends = recent.get(`${s.recipient.customerId}:${s.decision.channel}`) ?? [];
        if (frequencyCapAllowsAt(sends, cap, now) === null) return true;
        skip(s.recipient.id, "capped");
        return false;
      });

      const renderedSends = [];
      for (const { recipient, decision } of admitted) {
        const customer = facts.customers.get(recipient.customerId)!;
        const variant = content.variants.find((v) => v.key === recipient.variant) ?? content.variants[0];
        const message = variant.messages[decision.channel]!;
        const unsubscribe = unsubscribeUrl({ shopId: shop.id, customerId: customer.id, channel: decision.channel });
        const context = await buildTemplateContext({
          shopId: shop.id,
          customerId: customer.id,
          unsubscribeUrl: unsubscribe,
          loaded: { shop, customer },
        });
        const rendered = await renderMessage(
          { subject: decision.channel === "EMAIL" ? (message.subject ?? null) : null, body: message.body },
          context,
        );
        if (!rendered.ok) {
          logger.warn({ campaignId: campaign.id, error: rendered.error.message }, "campaign template error");
          skip(recipient.id, "template_error", "FAILED");
          continue;
        }
        renderedSends.push({
          recipient,
          decision,
          message,
          unsubscribe,
          whatsappVariables: { "1": context.customer.first_name ?? "", "2": context.shop.url },
          subject: decision.channel === "EMAIL" ? rendered.subject : null,
          body: decision.channel === "SMS" ? withUsOptOutLine(rendered.body, decision.to) : rendered.body,
        });
      }

      const conversations = await automatedConversationsFor(
        tx,
        renderedSends.map((r) => ({ customerId: r.recipient.customerId, shopId: shop.id, body: r.body })),
        now,
      );
      const rows = renderedSends.map(
        ({ recipient, decision, message, unsubscribe, whatsappVariables, subject, body }) => {
          const customerId = recipient.customerId;
          const idempotencyKey = campaignIdempotencyKey(campaign.id, customerId);
          const conversation = conversations.byCustomer.get(customerId)!;
          let metadata: OutboundMetadata = { purpose: "MARKETING" };
          if (decision.channel === "EMAIL") {
            metadata.headers = listUnsubscribeHeaders(unsubscribe);
            if (input.emailSender)
              metadata = withEmailThreading(metadata, {
                idempotencyKey,
                sender: input.emailSender,
                replyToken: conversation.replyToken,
              });
          }
          if (decision.useWhatsappTemplate && message.whatsappContentSid)
            metadata.whatsappTemplate = { contentSid: message.whatsappContentSid, variables: whatsappVariables };
          return {
            id: timeOrderedId(),
            recipientId: recipient.id,
            shopId: shop.id,
            conversationId: conversation.id,
            customerId,
            channel: decision.channel,
            authorName: campaign.name,
            subject,
            body,
            toAddress: decision.to,
            idempotencyKey,
            flowId: null,
            flowRunId: null,
            flowStepId: null,
            campaignId: campaign.id,
            metadata,
          };
        },
      );

      const claimed: ClaimedSend[] = [];
      if (rows.length > 0) {
        const inserted = new Set(
          (await tx.$queryRawTyped(sql.insertBatchFlowMessages(json(rows), now))).map((m) => m.id),
        );
        const fresh = rows.filter((r) => inserted.has(r.id));
        // A key already taken (a claim committed by an earlier run): that message is this recipient's.
        const taken = rows.filter((r) => !inserted.has(r.id));
        const existing = taken.length
          ? await tx.message.findMany({
              where: { idempotencyKey: { in: taken.map((r) => r.idempotencyKey) } },
              select: { id: true, idempotencyKey: true },
            })
          : [];
        const existingByKey = new Map(existing.map((m) => [m.idempotencyKey, m.id]));
        if (fresh.length > 0) {
          await touchFoundConversations(tx, conversations, fresh, now);
          // The MESSAGE event is the campaign's timeline entry: its title names the campaign and its
          // data follows the delivery (one row per send; no separate CAMPAIGN_SENT row).
          const events = fresh.map((m) => {
            const row = messageEventRow({
              ...m,
              direction: "OUTBOUND",
              author: "FLOW",
              deliveryStatus: "PENDING",
              createdAt: now,
            });
            return {
              ...row,
              id: timeOrderedId(),
              title: `${row.title.replace(/ by flow$/, "")} by campaign “${campaign.name}”`,
              data: { ...(row.data as object), campaignId: campaign.id, campaignName: campaign.name },
            };
          });
          await tx.$queryRawTyped(sql.insertBatchTimelineEvents(json(events), now));
        }
        for (const r of rows) {
          const messageId = inserted.has(r.id) ? r.id : existingByKey.get(r.idempotencyKey);
          if (!messageId) continue;
          updates.push({
            id: r.recipientId,
            state: "SENDING",
            channel: r.channel,
            messageId,
            skipReason: null,
            dueAt: null,
          });
          claimed.push({
            messageId,
            channel: r.channel,
            inserted: inserted.has(r.id) ? insertedMessageRow(r, now) : undefined,
          });
        }
      }

      if (updates.length > 0)
        await tx.$executeRaw`
          UPDATE "CampaignRecipient" r
             SET "state" = v."state"::"CampaignRecipientState", "channel" = v."channel"::"Channel",
                 "messageId" = v."messageId", "skipReason" = v."skipReason",
                 "dueAt" = COALESCE(v."dueAt", r."dueAt"), "updatedAt" = ${now}
            FROM jsonb_to_recordset(${json(updates)}::jsonb)
                 AS v("id" text, "state" text, "channel" text, "messageId" text, "skipReason" text, "dueAt" timestamp(3))
           WHERE r."id" = v."id"`;
      return {
        picked: due.length,
        claimed,
        skipped: updates.filter((u) => u.state === "SKIPPED" || u.state === "FAILED").length,
        deferred: updates.filter((u) => u.state === "PENDING").length,
      };
    },
    { maxWait: 15_000, timeout: 120_000 },
  );
}
