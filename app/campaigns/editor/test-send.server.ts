// Test send: one variant's message on one channel, rendered for a real member of the segment (or a
// sample customer), sent to an address staff type in, straight through the channel adapter with the
// shop's credentials. Not a campaign send: no Message row, no CampaignRecipient, not in results.
// Labelled "[Test]" (the SMS/WhatsApp body and the email subject) so nobody mistakes it, and
// rate-limited per shop, because it reaches arbitrary numbers with the shop's paid sender.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { loadConnection } from "../../channels/credentials.server";
import { adapterFor, providerFor } from "../../channels/registry";
import { takeSlots, type RateCounter } from "../../chat/rate-limit.server";
import { normaliseEmail, normalisePhone } from "../../customers/addresses";
import { db } from "../../db/client.server";
import { withUsOptOutLine } from "../engine";
import { sampleTemplateContext, type TemplateContext } from "../../templates/context.server";
import { renderMessage } from "../../templates/render.server";
import { CAMPAIGN_CHANNELS, readCampaignContent, type CampaignChannel } from "../content";
import { customerContext, PREVIEW_UNSUBSCRIBE_URL, segmentSampleMembers } from "./preview.server";

export const TEST_LABEL = "[Test]";
export const TEST_SEND_LIMITS = { perMinute: 5, perHour: 30 } as const;

export const testSendInput = z
  .object({
    variant: z.string().regex(/^[A-Z]$/, "Choose a variant"),
    channel: z.enum(CAMPAIGN_CHANNELS, { error: "Choose SMS, WhatsApp or email" }),
    to: z.string().trim().min(1, "Enter where to send the test").max(320),
  })
  .transform((input, ctx) => {
    const to =
      input.channel === "EMAIL" ? normaliseEmail(input.to) : normalisePhone(input.to.replace(/^whatsapp:/i, ""));
    if (!to) {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message:
          input.channel === "EMAIL"
            ? "Enter an email address"
            : "Enter a phone number in international format, e.g. +14155550123",
      });
      return z.NEVER;
    }
    return { ...input, to };
  });

export type TestSendInput = z.output<typeof testSendInput>;

export type CampaignTestSendResult =
  | { ok: true; channel: CampaignChannel; to: string; providerMessageId: string; subject: string | null; body: string }
  | { ok: false; status: 400 | 429 | 502; field?: string; error: string };

function limits(shopId: string): RateCounter[] {
  return [
    { key: `campaign-test:${shopId}:m`, limit: TEST_SEND_LIMITS.perMinute, windowSeconds: 60 },
    { key: `campaign-test:${shopId}:h`, limit: TEST_SEND_LIMITS.perHour, windowSeconds: 3600 },
  ];
}

export async function sendCampaignTest(
  shopId: string,
  campaign: { segmentId: string | null; channels: string[]; content: unknown },
  input: TestSendInput,
): Promise<CampaignTestSendResult> {
  const variant = readCampaignContent(campaign.content).variants.find((v) => v.key === input.variant);
  if (!variant) return { ok: false, status: 400, field: "variant", error: `There is no variant ${input.variant}` };
  const message = variant.messages[input.channel];
  if (!campaign.channels.includes(input.channel) || !message)
    return {
      ok: false,
      status: 400,
      field: "channel",
      error: `Variant ${variant.key} has no ${input.channel} message`,
    };
  const provider = providerFor(input.channel)!;
  const connection = await loadConnection(shopId, provider);
  if (!connection)
    return {
      ok: false,
      status: 400,
      field: "channel",
      error: `Connect ${provider === "TWILIO" ? "Twilio" : "SendGrid"} in Channels first`,
    };

  const over = await takeSlots(limits(shopId));
  if (over)
    return {
      ok: false,
      status: 429,
      error: `Too many test sends: at most ${over.windowSeconds === 60 ? `${TEST_SEND_LIMITS.perMinute} a minute` : `${TEST_SEND_LIMITS.perHour} an hour`}. Try again later.`,
    };

  const [member] = campaign.segmentId ? await segmentSampleMembers(shopId, campaign.segmentId, 1) : [];
  let context: TemplateContext;
  if (member?.id) context = await customerContext(shopId, member.id, input.channel);
  else {
    const shop = await db().shop.findUniqueOrThrow({
      where: { id: shopId },
      select: { domain: true, name: true, email: true, currency: true, primaryLocale: true },
    });
    context = {
      ...sampleTemplateContext(shop),
      unsubscribe_url: input.channel === "EMAIL" ? PREVIEW_UNSUBSCRIBE_URL : null,
    };
  }
  const rendered = await renderMessage(
    { subject: input.channel === "EMAIL" ? (message.subject ?? "") : null, body: message.body },
    context,
  );
  if (!rendered.ok)
    return { ok: false, status: 400, field: rendered.field, error: `Liquid error: ${rendered.error.message}` };

  const subject = input.channel === "EMAIL" ? `${TEST_LABEL} ${rendered.subject ?? ""}`.trim() : null;
  // The SMS as recipients get it (with the US opt-out line), then labelled.
  const body =
    input.channel === "EMAIL"
      ? rendered.body
      : `${TEST_LABEL} ${input.channel === "SMS" ? withUsOptOutLine(rendered.body, input.to) : rendered.body}`;
  const id = `campaign-test-${randomUUID()}`;
  const result = await adapterFor(input.channel)!.send(
    {
      messageId: id,
      idempotencyKey: id,
      channel: input.channel,
      to: input.to,
      body,
      ...(subject ? { subject } : {}),
      ...(input.channel === "WHATSAPP" && message.whatsappContentSid
        ? {
            whatsappTemplate: {
              contentSid: message.whatsappContentSid,
              variables: { "1": context.customer.first_name ?? "", "2": context.shop.url },
            },
          }
        : {}),
    },
    connection.credentials,
  );
  if (!result.ok) return { ok: false, status: 502, error: `The provider refused the test: ${result.errorMessage}` };
  return { ok: true, channel: input.channel, to: input.to, providerMessageId: result.providerMessageId, subject, body };
}
