// The unsubscribe link: GET only shows a button, POST (button or RFC 8058 one-click) unsubscribes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { db } from "../../app/db/client.server";
import { consentFor } from "../../app/consent/effective-consent.server";
import {
  listUnsubscribeHeaders,
  unsubscribeToken,
  unsubscribeUrl,
  verifyUnsubscribeToken,
} from "../../app/consent/unsubscribe-link.server";
import { UnsubscribePage, loader } from "../../app/routes/unsubscribe.$token";
import { createCustomer, startSendingEnv, type SendingEnv } from "./sending-helpers";

let env: SendingEnv;

beforeAll(async () => {
  env = await startSendingEnv();
});
afterAll(async () => env?.close());

let phoneN = 200;
async function subscribedCustomer(email: string) {
  const customer = await createCustomer(env.shopId, { email, phone: `+1415555${String(phoneN++).padStart(4, "0")}` });
  await db().consent.create({
    data: {
      shopId: env.shopId,
      customerId: customer.id,
      channel: "EMAIL",
      purpose: "MARKETING",
      state: "GRANTED",
      source: "SHOPIFY_CUSTOMER",
      occurredAt: new Date(Date.now() - 60_000),
    },
  });
  return customer;
}

const marketing = (customerId: string) =>
  consentFor({ shopId: env.shopId, customerId, channel: "EMAIL", purpose: "MARKETING" });

describe("unsubscribe link", () => {
  it("signs shop, customer and channel, and refuses a tampered token", () => {
    const subject = { shopId: env.shopId, customerId: "c1", channel: "EMAIL" as const };
    const token = unsubscribeToken(subject);
    expect(verifyUnsubscribeToken(token)).toEqual(subject);
    expect(unsubscribeUrl(subject)).toBe(`${env.appUrl}/unsubscribe/${token}`);
    const forged = unsubscribeToken({ ...subject, customerId: "c2" }).split(".")[0] + "." + token.split(".")[1];
    expect(verifyUnsubscribeToken(forged)).toBeNull();
    expect(verifyUnsubscribeToken(token.slice(0, -2))).toBeNull();
    expect(listUnsubscribeHeaders("https://x/u/1")).toEqual({
      "List-Unsubscribe": "<https://x/u/1>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });

  it("GET shows the button and changes nothing", async () => {
    const customer = await subscribedCustomer("get@example.com");
    const url = unsubscribeUrl({ shopId: env.shopId, customerId: customer.id, channel: "EMAIL" });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const view = await res.json();
    expect(view).toEqual({ state: "ask", shopName: "Threadline Demo" });
    const html = renderToStaticMarkup(createElement(UnsubscribePage, { view }));
    expect(html).toContain('<form method="post">');
    expect(html).toContain(">Unsubscribe</button>");
    expect(html).toContain("Stop receiving marketing emails from Threadline Demo?");
    expect(await marketing(customer.id)).toMatchObject({ allowed: true });
  });

  it("POST (the button) revokes email marketing only, with a timeline event", async () => {
    const customer = await subscribedCustomer("post@example.com");
    const url = unsubscribeUrl({ shopId: env.shopId, customerId: customer.id, channel: "EMAIL" });
    const res = await fetch(url, { method: "POST", body: new URLSearchParams() });
    expect(res.status).toBe(200);
    const view = await res.json();
    expect(view.state).toBe("done");
    expect(renderToStaticMarkup(createElement(UnsubscribePage, { view }))).toContain("You&#x27;re unsubscribed");
    expect(await marketing(customer.id)).toMatchObject({ allowed: false });
    expect(
      await consentFor({ shopId: env.shopId, customerId: customer.id, channel: "EMAIL", purpose: "TRANSACTIONAL" }),
    ).toMatchObject({ allowed: true });
    const row = await db().consent.findUniqueOrThrow({
      where: { customerId_channel_purpose: { customerId: customer.id, channel: "EMAIL", purpose: "MARKETING" } },
    });
    expect(row).toMatchObject({ state: "REVOKED", source: "UNSUBSCRIBE_LINK" });
    const events = await db().timelineEvent.findMany({ where: { customerId: customer.id, type: "CONSENT_CHANGED" } });
    expect(events.map((e) => e.title)).toEqual(["Email marketing unsubscribed"]);
    // Pressing again is harmless.
    expect((await fetch(url, { method: "POST" })).status).toBe(200);
    expect(await db().timelineEvent.count({ where: { customerId: customer.id, type: "CONSENT_CHANGED" } })).toBe(1);
  });

  it("RFC 8058 one-click POST works", async () => {
    const customer = await subscribedCustomer("oneclick@example.com");
    const url = unsubscribeUrl({ shopId: env.shopId, customerId: customer.id, channel: "EMAIL" });
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(200);
    expect(await marketing(customer.id)).toMatchObject({ allowed: false });
  });

  it("a tampered token is a 404 page and changes nothing", async () => {
    const customer = await subscribedCustomer("tamper@example.com");
    const token = unsubscribeToken({ shopId: env.shopId, customerId: customer.id, channel: "EMAIL" });
    const bad = `${token.slice(0, -3)}abc`;
    const get = await fetch(`${env.appUrl}/unsubscribe/${bad}`);
    expect(get.status).toBe(404);
    const view = await get.json();
    expect(renderToStaticMarkup(createElement(UnsubscribePage, { view }))).toContain("This link does not work");
    expect((await fetch(`${env.appUrl}/unsubscribe/${bad}`, { method: "POST" })).status).toBe(404);
    expect(await marketing(customer.id)).toMatchObject({ allowed: true });
    // A genuine token for a customer of another shop is refused too.
    const res = await loader({
      request: new Request("http://x"),
      params: { token: unsubscribeToken({ shopId: "other-shop", customerId: customer.id, channel: "EMAIL" }) },
      context: {},
    });
    expect(res.status).toBe(404);
  });
});
