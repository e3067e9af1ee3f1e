// What a flow step needs to know about the shop and the customer to decide: where
// the customer can be reached, which channels the shop has connected, the
// recipient's time zone, and the marketing messages sent to them lately.
import { db } from "../db/client.server";
import type { Channel } from "../generated/prisma/client";
import type { ChannelCustomerFacts } from "../flows/choose-channel";
import { recipientTimezone } from "../flows/recipient-timezone";
import { isValidTimeZone } from "../flows/quiet-hours";
import { isMarketingFlow } from "../flows/flow-purpose";
import type { RunContext } from "./flow-config.server";
import type { Tx } from "../commerce/transaction.server";

/** The SendGrid sender, for an email's Message-ID domain and the conversation's reply-to address. */
export interface EmailSender {
  fromEmail: string;
  replyToDomain: string | null;
}

/** Which channels the shop has connected, and its email sender (one read of its connections). */
export async function shopChannels(
  shopId: string,
): Promise<{ connected: Partial<Record<Channel, boolean>>; emailSender: EmailSender | null }> {
  const rows = await db().channelConnection.findMany({
    where: { shopId, status: { not: "DISABLED" }, provider: { in: ["TWILIO", "SENDGRID"] } },
    select: { provider: true, config: true },
  });
  const connected: Partial<Record<Channel, boolean>> = {};
  let emailSender: EmailSender | null = null;
  for (const row of rows) {
    const config = (row.config && typeof row.config === "object" ? row.config : {}) as Record<string, unknown>;
    if (row.provider === "TWILIO") {
      if (config.fromNumber || config.messagingServiceSid) connected.SMS = true;
      if (config.whatsappFrom) connected.WHATSAPP = true;
    }
    if (row.provider === "SENDGRID" && typeof config.fromEmail === "string" && config.fromEmail) {
      connected.EMAIL = true;
      emailSender = {
        fromEmail: config.fromEmail,
        replyToDomain: typeof config.replyToDomain === "string" && config.replyToDomain ? config.replyToDomain : null,
      };
    }
  }
  return { connected, emailSender };
}

/** Where the customer can be reached; the WhatsApp facts are only looked up when the step may use WhatsApp. */
export async function customerChannelFacts(
  shopId: string,
  customer: { id: string; email: string | null; phone: string | null },
  context: RunContext,
  options: { whatsapp: boolean } = { whatsapp: true },
): Promise<ChannelCustomerFacts> {
  const [whatsapp, lastWhatsapp] = await Promise.all([
    options.whatsapp ? whatsappIdentity(shopId, customer.id) : null,
    options.whatsapp ? lastWhatsappInbound(shopId, customer.id) : null,
  ]);
  return {
    email: customer.email ?? context.email ?? null,
    phone: customer.phone ?? context.phone ?? null,
    whatsapp: whatsapp?.value ?? null,
    lastWhatsappInboundAt: lastWhatsapp?.createdAt ?? null,
  };
}

function whatsappIdentity(shopId: string, customerId: string) {
  return db().customerIdentity.findFirst({
    where: { shopId, customerId, kind: "WHATSAPP" },
    orderBy: { createdAt: "desc" },
    select: { value: true },
  });
}

function lastWhatsappInbound(shopId: string, customerId: string) {
  return db().message.findFirst({
    where: { shopId, customerId, channel: "WHATSAPP", direction: "INBOUND" },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
}

interface AddressJson {
  countryCode?: string | null;
  province?: string | null;
}

function addressOf(json: unknown): AddressJson | null {
  return json && typeof json === "object" && !Array.isArray(json) ? (json as AddressJson) : null;
}

/** The recipient's zone: the trigger's shipping address, else their latest order's, else phone, else the customer's or the shop's. */
export async function recipientZone(input: {
  shopId: string;
  customer: { id: string; ianaTimezone: string | null };
  shopTimezone: string;
  context: RunContext;
  phone: string | null;
}): Promise<string> {
  const { shopId, context } = input;
  let address: AddressJson | null = null;
  if (context.checkoutId) {
    const c = await db().checkout.findFirst({
      where: { id: context.checkoutId, shopId },
      select: { shippingAddress: true },
    });
    address = addressOf(c?.shippingAddress);
  }
  if (!address && context.orderId) {
    const o = await db().order.findFirst({ where: { id: context.orderId, shopId }, select: { shippingAddress: true } });
    address = addressOf(o?.shippingAddress);
  }
  if (!address) {
    const o = await db().order.findFirst({
      where: { shopId, customerId: input.customer.id },
      orderBy: { createdAt: "desc" },
      select: { shippingAddress: true },
    });
    address = addressOf(o?.shippingAddress);
  }
  const fallback = isValidTimeZone(input.customer.ianaTimezone) ? input.customer.ianaTimezone : input.shopTimezone;
  const zone = recipientTimezone({
    shippingCountryCode: address?.countryCode ?? null,
    shippingProvince: address?.province ?? null,
    phone: input.phone,
    shopTimezone: isValidTimeZone(fallback) ? fallback : "UTC",
  }).timeZone;
  return isValidTimeZone(zone) ? zone : "UTC";
}

/** When our automated marketing messages went to this customer on this channel since `from`. */
export async function recentMarketingSends(
  shopId: string,
  customerId: string,
  channel: Channel,
  from: Date,
  excludeStepId: string,
  client: Tx = db(),
): Promise<Date[]> {
  const rows = await client.message.findMany({
    where: {
      shopId,
      customerId,
      channel,
      direction: "OUTBOUND",
      author: "FLOW",
      deliveryStatus: { notIn: ["FAILED", "UNDELIVERED"] },
      createdAt: { gte: from },
      NOT: { flowStepId: excludeStepId },
    },
    select: { createdAt: true, sentAt: true, metadata: true, flowId: true },
  });
  const flowIds = [...new Set(rows.map((r) => r.flowId).filter((id): id is string => !!id))];
  const flows = flowIds.length
    ? await client.flow.findMany({ where: { id: { in: flowIds } }, select: { id: true, kind: true } })
    : [];
  const marketingFlows = new Set(flows.filter((f) => isMarketingFlow(f.kind)).map((f) => f.id));
  return rows
    .filter((r) => {
      const purpose = (r.metadata as { purpose?: string } | null)?.purpose;
      return purpose ? purpose === "MARKETING" : !!r.flowId && marketingFlows.has(r.flowId);
    })
    .map((r) => r.sentAt ?? r.createdAt);
}
