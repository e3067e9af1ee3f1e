// "Preview" in the rule editor: which of the shop's last 100 conversations (most recent first, by
// when they started) the rule's conditions, as currently edited, would have matched. Each is judged
// on its first customer message (text, channel, time for business hours) and on the customer as
// they are now (lifetime value, orders, latest order, tags). Nothing is written. A fixed number of
// queries whatever the rules say: conversations, their first messages and customers come batched.
import { z } from "zod";
import { db } from "../db/client.server";
import { calendarFor, isOpen } from "../business-hours/calendar";
import { detectLanguage } from "../knowledge/detect-language";
import { customerLabels, customerLabelSelect } from "../admin-queries/customer-labels.server";
import { conditionHolds, intentOf, type RoutingFacts } from "./decide";
import { conditionSchema, firstIssue } from "./rule-schema";

export const PREVIEW_CONVERSATIONS = 100;
const SNIPPET = 140;

const previewInput = z.object({ conditions: z.array(conditionSchema).max(20) });

export interface PreviewMatch {
  conversationId: string;
  customerName: string;
  channel: string | null;
  snippet: string;
  startedAt: string;
}

export type PreviewResult =
  { ok: true; checked: number; count: number; matches: PreviewMatch[] } | { ok: false; field: string; error: string };

const LANGUAGES = new Set(["en", "es", "fr"]);

export async function previewRule(shopId: string, value: unknown): Promise<PreviewResult> {
  const parsed = previewInput.safeParse(value);
  if (!parsed.success) return { ok: false, ...firstIssue(parsed.error) };
  const { conditions } = parsed.data;
  const shop = await db().shop.findUniqueOrThrow({
    where: { id: shopId },
    select: { settings: true, ianaTimezone: true },
  });
  const calendar = calendarFor(shop);
  const conversations = await db().conversation.findMany({
    where: { shopId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PREVIEW_CONVERSATIONS,
    select: {
      id: true,
      tags: true,
      handoffReason: true,
      lastInboundChannel: true,
      createdAt: true,
      customer: {
        select: {
          ...customerLabelSelect,
          locale: true,
          totalSpent: true,
          ordersCount: true,
          orders: {
            orderBy: [{ processedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
            take: 1,
            select: { totalPrice: true },
          },
        },
      },
      messages: {
        where: { direction: "INBOUND", internal: false },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: 1,
        select: { body: true, subject: true, channel: true, createdAt: true },
      },
    },
  });
  const needsTags = conditions.some((c) => c.field === "customer_tags");
  const tagsByCustomer = new Map<string, string[]>();
  if (needsTags) {
    const rows = await db().conversation.findMany({
      where: { shopId, customerId: { in: [...new Set(conversations.map((c) => c.customer.id))] } },
      select: { customerId: true, tags: true },
    });
    for (const r of rows) tagsByCustomer.set(r.customerId, [...(tagsByCustomer.get(r.customerId) ?? []), ...r.tags]);
  }
  const matched = conversations.filter((c) => {
    const first = c.messages[0];
    const text = first ? first.body || first.subject || "" : "";
    const locale = (c.customer.locale ?? "").slice(0, 2).toLowerCase();
    const { intent, handoffReason } = intentOf(text);
    const facts: RoutingFacts = {
      channel: first?.channel ?? c.lastInboundChannel ?? "",
      language: LANGUAGES.has(locale) ? locale : detectLanguage(text),
      intent,
      handoffReason: handoffReason ?? c.handoffReason,
      text,
      customerTags: needsTags ? (tagsByCustomer.get(c.customer.id) ?? []) : c.tags,
      lifetimeValue: Number(c.customer.totalSpent),
      latestOrderValue: c.customer.orders[0] ? Number(c.customer.orders[0].totalPrice) : null,
      ordersCount: c.customer.ordersCount,
      withinBusinessHours: isOpen(calendar, first?.createdAt ?? c.createdAt),
    };
    return conditions.every((condition) => conditionHolds(condition, facts));
  });
  const labels = await customerLabels(
    shopId,
    matched.map((c) => c.customer),
  );
  return {
    ok: true,
    checked: conversations.length,
    count: matched.length,
    matches: matched.map((c) => {
      const first = c.messages[0];
      const text = (first ? first.body || first.subject || "" : "").replace(/\s+/g, " ").trim();
      return {
        conversationId: c.id,
        customerName: labels.get(c.customer.id) ?? "Customer",
        channel: first?.channel ?? c.lastInboundChannel,
        snippet: text.length > SNIPPET ? `${text.slice(0, SNIPPET - 1)}…` : text,
        startedAt: (first?.createdAt ?? c.createdAt).toISOString(),
      };
    }),
  };
}
