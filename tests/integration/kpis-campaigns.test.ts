// Campaigns in the Analytics page's marketing KPIs (app/kpis/marketing.server.ts, decision 0046)
// against a hand-computed fixture: an order is credited to the one latest touch among flow AND
// campaign messages (so a campaign's credit is no flow's), campaigns listed after the flows and in
// the totals, campaign messages counting as "messaged" for repeat purchases, the CSV's campaign rows,
// the section's campaign rows, and the campaign Results page agreeing with Analytics.
import { beforeAll, describe, expect, it } from "vitest";
import { campaignResults } from "../../app/campaigns/results/results.server";
import { renderMarketingSection } from "../support/render-marketing-section";
import { db } from "../../app/db/client.server";
import type { Channel, DeliveryStatus } from "../../app/generated/prisma/enums";
import { marketingMessagesCsv } from "../../app/kpis/marketing-csv.server";
import { marketingKpis } from "../../app/kpis/marketing.server";
import { parseKpiPeriod, type KpiFilters } from "../../app/kpis/period";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";
import { createShop } from "../support/factories";

const at = (iso: string) => new Date(iso);
const NO_FILTERS: KpiFilters = { channel: null, teamId: null, assigneeId: null };
// 1–10 November 2026 in UTC; the previous period is 22–31 October.
const PERIOD = parseKpiPeriod(new URLSearchParams({ from: "2026-11-01", to: "2026-11-10" }), "UTC");
const END_OF_PERIOD = at("2026-11-10T23:59:59.999Z");

let shopId: string;

async function customer(id: string, firstName: string) {
  await db().customer.create({ data: { id, shopId, firstName } });
  await db().conversation.create({
    data: { id: `conv_${id}`, shopId, customerId: id, replyToken: newCaseInsensitiveToken(), status: "RESOLVED" },
  });
}

async function campaign(id: string, name: string, createdAt: string) {
  await db().campaign.create({
    data: { id, shopId, name, status: "COMPLETED", channels: ["SMS", "EMAIL"], createdAt: at(createdAt) },
  });
}

interface MessageFixture {
  id: string;
  customerId: string;
  source: { flowId: string } | { campaignId: string };
  channel: Channel;
  to: string;
  status: DeliveryStatus;
  sentAt: string;
  deliveredAt?: string;
  openedAt?: string;
  clickedAt?: string;
}

async function message(m: MessageFixture) {
  await db().message.create({
    data: {
      id: m.id,
      shopId,
      conversationId: `conv_${m.customerId}`,
      customerId: m.customerId,
      direction: "OUTBOUND",
      channel: m.channel,
      author: "FLOW",
      body: "Hello",
      toAddress: m.to,
      deliveryStatus: m.status,
      idempotencyKey: `fixture:${m.id}`,
      ...m.source,
      createdAt: at(m.sentAt),
      sentAt: at(m.sentAt),
      deliveredAt: m.deliveredAt ? at(m.deliveredAt) : null,
      openedAt: m.openedAt ? at(m.openedAt) : null,
      clickedAt: m.clickedAt ? at(m.clickedAt) : null,
    },
  });
  if ("campaignId" in m.source)
    await db().campaignRecipient.create({
      data: {
        shopId,
        campaignId: m.source.campaignId,
        customerId: m.customerId,
        channel: m.channel,
        dueAt: at(m.sentAt),
        state: "SENT",
        messageId: m.id,
      },
    });
}

let orderNumber = 2000;
async function order(id: string, customerId: string, placed: string, total: string) {
  await db().order.create({
    data: {
      id,
      shopId,
      shopifyOrderId: BigInt(++orderNumber),
      customerId,
      name: `#${orderNumber}`,
      totalPrice: total,
      processedAt: at(placed),
    },
  });
}

async function seed() {
  await db().flow.create({ data: { id: "flow_cr", shopId, kind: "CART_RECOVERY", name: "Cart recovery" } });
  await db().flow.create({ data: { id: "flow_oc", shopId, kind: "ORDER_CONFIRMATION", name: "Order confirmation" } });
  await campaign("camp_a", "Autumn sale", "2026-10-20T00:00:00Z");
  await campaign("camp_w", "Winter sale", "2026-11-01T00:00:00Z");
  await campaign("camp_b", "Black Friday", "2026-11-07T00:00:00Z");
  // Sent in September only, and a draft never sent: neither is listed.
  await campaign("camp_s", "Summer sale", "2026-08-20T00:00:00Z");
  await campaign("camp_d", "Draft", "2026-11-02T00:00:00Z");
  await customer("cus_ann", "Ann");
  await customer("cus_ben", "Ben");
  await customer("cus_cat", "Cat");
  await customer("cus_dan", "Dan");

  // Ann: a flow email clicked, then a campaign SMS delivered; o1 is the campaign's (the later touch).
  await message({
    id: "msg_f1",
    customerId: "cus_ann",
    source: { flowId: "flow_cr" },
    channel: "EMAIL",
    to: "ann@example.com",
    status: "CLICKED",
    sentAt: "2026-11-03T10:00:00Z",
    deliveredAt: "2026-11-03T10:01:00Z",
    clickedAt: "2026-11-03T12:00:00Z",
  });
  await message({
    id: "msg_c1",
    customerId: "cus_ann",
    source: { campaignId: "camp_w" },
    channel: "SMS",
    to: "+14155550101",
    status: "DELIVERED",
    sentAt: "2026-11-04T08:00:00Z",
    deliveredAt: "2026-11-04T08:00:30Z",
  });
  await order("ord_o1", "cus_ann", "2026-11-04T12:00:00Z", "100.00");
  // Ben: a campaign email opened, then a flow SMS delivered; o2 is the flow's (the later touch).
  await message({
    id: "msg_c2",
    customerId: "cus_ben",
    source: { campaignId: "camp_w" },
    channel: "EMAIL",
    to: "ben@example.com",
    status: "OPENED",
    sentAt: "2026-11-05T09:00:00Z",
    deliveredAt: "2026-11-05T09:01:00Z",
    openedAt: "2026-11-05T10:00:00Z",
  });
  await message({
    id: "msg_f2",
    customerId: "cus_ben",
    source: { flowId: "flow_cr" },
    channel: "SMS",
    to: "+14155550102",
    status: "DELIVERED",
    sentAt: "2026-11-05T18:00:00Z",
    deliveredAt: "2026-11-05T18:00:10Z",
  });
  await order("ord_o2", "cus_ben", "2026-11-05T20:00:00Z", "60.00");
  // Cat: only a campaign SMS, delivered 59 min 55 s before o3; Cat also bought in September.
  await message({
    id: "msg_c3",
    customerId: "cus_cat",
    source: { campaignId: "camp_b" },
    channel: "SMS",
    to: "+14155550103",
    status: "DELIVERED",
    sentAt: "2026-11-08T09:00:00Z",
    deliveredAt: "2026-11-08T09:00:05Z",
  });
  await order("ord_cat_sept", "cus_cat", "2026-09-01T00:00:00Z", "10.00");
  await order("ord_o3", "cus_cat", "2026-11-08T10:00:00Z", "40.00");
  // Dan, previous period: a campaign email clicked 23 h before o5. Dan's o4 (current) is 11 days
  // after that click: outside 5 days, credited to nothing.
  await message({
    id: "msg_c4",
    customerId: "cus_dan",
    source: { campaignId: "camp_a" },
    channel: "EMAIL",
    to: "dan@example.com",
    status: "CLICKED",
    sentAt: "2026-10-25T10:00:00Z",
    deliveredAt: "2026-10-25T10:01:00Z",
    clickedAt: "2026-10-25T11:00:00Z",
  });
  await order("ord_o5", "cus_dan", "2026-10-26T10:00:00Z", "70.00");
  await order("ord_o4", "cus_dan", "2026-11-06T00:00:00Z", "15.00");
  await message({
    id: "msg_c5",
    customerId: "cus_dan",
    source: { campaignId: "camp_s" },
    channel: "EMAIL",
    to: "dan@example.com",
    status: "DELIVERED",
    sentAt: "2026-09-01T10:00:00Z",
    deliveredAt: "2026-09-01T10:01:00Z",
  });
}

beforeAll(async () => {
  shopId = (await createShop({ domain: "kpi-campaigns.myshopify.com" })).id;
  await seed();
});

const zero = {
  sent: 0,
  delivered: 0,
  opened: 0,
  clicked: 0,
  recipients: 0,
  orders: 0,
  revenue: "0.00",
  revenuePerRecipient: null,
};

describe("campaigns in the marketing KPIs", () => {
  it("GIVEN flow and campaign messages WHEN the dashboard asks THEN campaigns follow the flows, each order credited to the later touch only", async () => {
    const kpis = await marketingKpis(shopId, PERIOD, NO_FILTERS);
    // Flows first (all of them), then the campaigns with figures in either period, newest first.
    expect(kpis.sources.map((s) => [s.kind, s.id, s.name, s.flowKind, s.marketing])).toEqual([
      ["flow", "flow_cr", "Cart recovery", "CART_RECOVERY", true],
      ["flow", "flow_oc", "Order confirmation", "ORDER_CONFIRMATION", false],
      ["campaign", "camp_b", "Black Friday", null, true],
      ["campaign", "camp_w", "Winter sale", null, true],
      ["campaign", "camp_a", "Autumn sale", null, true],
    ]);
    const [cr, oc, black, winter, autumn] = kpis.sources;
    // f1 and f2 sent; only o2 (f2's delivery is the later touch than c2's open). o1 is not the flow's.
    expect(cr.current).toEqual({
      sent: 2,
      delivered: 2,
      opened: 1,
      clicked: 1,
      recipients: 2,
      orders: 1,
      revenue: "60.00",
      revenuePerRecipient: "30.00",
    });
    expect(cr.previous).toEqual(zero);
    expect(oc.current).toEqual(zero);
    // c1 and c2 sent; o1 (c1's delivery 3 h 59 min 30 s before, later than f1's click).
    expect(winter.current).toEqual({
      sent: 2,
      delivered: 2,
      opened: 1,
      clicked: 0,
      recipients: 2,
      orders: 1,
      revenue: "100.00",
      revenuePerRecipient: "50.00",
    });
    expect(winter.previous).toEqual(zero);
    expect(black.current).toEqual({
      sent: 1,
      delivered: 1,
      opened: 0,
      clicked: 0,
      recipients: 1,
      orders: 1,
      revenue: "40.00",
      revenuePerRecipient: "40.00",
    });
    expect(autumn.current).toEqual(zero);
    expect(autumn.previous).toEqual({
      sent: 1,
      delivered: 1,
      opened: 1,
      clicked: 1,
      recipients: 1,
      orders: 1,
      revenue: "70.00",
      revenuePerRecipient: "70.00",
    });
    // All flows and campaigns: 5 sent to Ann, Ben, Cat; o1 + o2 + o3 = 200.00; 20000 / 3 cents → 66.67.
    expect(kpis.totals.current).toEqual({
      sent: 5,
      delivered: 5,
      opened: 2,
      clicked: 1,
      recipients: 3,
      orders: 3,
      revenue: "200.00",
      revenuePerRecipient: "66.67",
    });
    expect(kpis.totals.previous).toEqual(autumn.previous);
  });

  it("GIVEN a buyer messaged only by a campaign THEN she counts as messaged for repeat purchases", async () => {
    const kpis = await marketingKpis(shopId, PERIOD, NO_FILTERS);
    // Messaged: Ann, Ben, Cat (campaign only; repeat with her September order). Not messaged: Dan (o5 + o4).
    expect(kpis.repeatPurchase.current).toEqual({
      messaged: { customers: 3, repeat: 1, rate: 1 / 3 },
      notMessaged: { customers: 1, repeat: 1, rate: 1 },
    });
    expect(kpis.repeatPurchase.previous).toEqual({
      messaged: { customers: 1, repeat: 0, rate: 0 },
      notMessaged: { customers: 0, repeat: 0, rate: null },
    });
  });

  it("GIVEN the SMS channel filter THEN only SMS messages count, and the orders credited to them", async () => {
    const kpis = await marketingKpis(shopId, PERIOD, { ...NO_FILTERS, channel: "sms" });
    expect(kpis.sources.map((s) => [s.id, s.current.sent, s.current.orders])).toEqual([
      ["flow_cr", 1, 1],
      ["flow_oc", 0, 0],
      ["camp_b", 1, 1],
      ["camp_w", 1, 1],
    ]);
    expect(kpis.totals.current).toMatchObject({ sent: 3, orders: 3, revenue: "200.00" });
  });
});

describe("the campaign Results page and Analytics", () => {
  it("GIVEN a window covering each campaign's sends THEN its Results orders and revenue are Analytics' current plus previous", async () => {
    const kpis = await marketingKpis(shopId, PERIOD, NO_FILTERS);
    for (const source of kpis.sources.filter((s) => s.kind === "campaign")) {
      const results = await campaignResults(shopId, source.id, END_OF_PERIOD);
      const cents = Math.round(Number(source.current.revenue) * 100 + Number(source.previous.revenue) * 100);
      expect([source.id, results.total.orders, results.total.revenue]).toEqual([
        source.id,
        source.current.orders + source.previous.orders,
        (cents / 100).toFixed(2),
      ]);
    }
    // Hand-computed: o1 to Winter sale, o3 to Black Friday, o5 to Autumn sale, and the flow's o2 to none.
    expect((await campaignResults(shopId, "camp_w", END_OF_PERIOD)).total).toMatchObject({
      sent: 2,
      orders: 1,
      revenue: "100.00",
    });
    expect((await campaignResults(shopId, "camp_b", END_OF_PERIOD)).total).toMatchObject({
      orders: 1,
      revenue: "40.00",
    });
    expect((await campaignResults(shopId, "camp_a", END_OF_PERIOD)).total).toMatchObject({
      orders: 1,
      revenue: "70.00",
    });
  });
});

describe("messages CSV with campaigns", () => {
  it("GIVEN the period THEN flow and campaign messages are rows, campaign ones with source_type campaign and its name", async () => {
    const csv = await marketingMessagesCsv(shopId, PERIOD, null);
    expect(csv.split("\r\n")).toEqual([
      "message_id,sent_at,source_type,source_id,source_name,channel,customer_id,customer_name,recipient,delivery_status,delivered_at,opened_at,clicked_at,attributed_orders,attributed_revenue,currency",
      "msg_f1,2026-11-03T10:00:00.000Z,flow,flow_cr,Cart recovery,EMAIL,cus_ann,Ann,ann@example.com,CLICKED,2026-11-03T10:01:00.000Z,,2026-11-03T12:00:00.000Z,0,0.00,USD",
      "msg_c1,2026-11-04T08:00:00.000Z,campaign,camp_w,Winter sale,SMS,cus_ann,Ann,'+14155550101,DELIVERED,2026-11-04T08:00:30.000Z,,,1,100.00,USD",
      "msg_c2,2026-11-05T09:00:00.000Z,campaign,camp_w,Winter sale,EMAIL,cus_ben,Ben,ben@example.com,OPENED,2026-11-05T09:01:00.000Z,2026-11-05T10:00:00.000Z,,0,0.00,USD",
      "msg_f2,2026-11-05T18:00:00.000Z,flow,flow_cr,Cart recovery,SMS,cus_ben,Ben,'+14155550102,DELIVERED,2026-11-05T18:00:10.000Z,,,1,60.00,USD",
      "msg_c3,2026-11-08T09:00:00.000Z,campaign,camp_b,Black Friday,SMS,cus_cat,Cat,'+14155550103,DELIVERED,2026-11-08T09:00:05.000Z,,,1,40.00,USD",
      "",
    ]);
  });

  it("GIVEN the previous period THEN the Autumn sale email is the only row, with its credited order", async () => {
    const previous = { from: PERIOD.previousFrom, to: PERIOD.previousTo };
    const csv = await marketingMessagesCsv(shopId, previous, null);
    expect(csv.split("\r\n").slice(1)).toEqual([
      "msg_c4,2026-10-25T10:00:00.000Z,campaign,camp_a,Autumn sale,EMAIL,cus_dan,Dan,dan@example.com,CLICKED,2026-10-25T10:01:00.000Z,,2026-10-25T11:00:00.000Z,1,70.00,USD",
      "",
    ]);
  });
});

describe("the marketing section with campaigns", () => {
  it("GIVEN campaigns WHEN rendered on the server THEN they follow the flows, labelled, linking to their results", async () => {
    const data = await marketingKpis(shopId, PERIOD, NO_FILTERS);
    const { html, text } = renderMarketingSection(data);
    expect(text).toContain("Flows and campaigns");
    expect(text).toContain("Flow or campaign");
    expect(text).toContain("All flows and campaigns");
    expect(text).toContain("Black Friday Campaign");
    expect(html).toContain('href="/app/flows/flow_cr/log"');
    expect(html).toContain('href="/app/campaigns/camp_b"');
    expect(html).toContain('href="/app/campaigns/camp_w"');
    expect(html).toContain('href="/app/campaigns/camp_a"');
    // Flows come before campaigns in the table.
    expect(html.indexOf("/app/flows/flow_oc/log")).toBeLessThan(html.indexOf("/app/campaigns/camp_b"));
    // The charts' tables (rendered before hydration) name a campaign as one.
    expect(text).toContain("Winter sale (campaign)");
    expect(text).not.toContain("Summer sale");
    expect(text).not.toContain("Draft");
  });
});
