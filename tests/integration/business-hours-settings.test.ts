// The shop calendar's page route (POST /app/settings/hours, app/business-hours/): the whole calendar
// saved into Shop.settings.calendar beside the shop's other settings, each bad field refused with a
// 400 naming it and nothing written, another shop untouched, the old `businessHours` key read when
// no calendar was saved, and the storefront widget told open/closed through the chat history.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarPageData } from "../../app/business-hours/calendar.server";
import { closeChatRateLimiter } from "../../app/chat/rate-limit.server";
import { db } from "../../app/db/client.server";
import { newSecretToken } from "../../app/lib/secret-token.server";
import { action as chatHistory } from "../../app/routes/proxy.chat.history";
import { postToAdminRoute, signInDemoAdmin, signOutDemoAdmin } from "../support/admin-route";
import { signedAppProxyRequest } from "../support/app-proxy";
import { createShop } from "../support/factories";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";

const save = (fields: Record<string, string>) =>
  postToAdminRoute(() => import("../../app/routes/app.settings.hours"), "/app/settings/hours", fields);
const settingsOf = async (id: string) => (await db().shop.findUniqueOrThrow({ where: { id } })).settings;

/** What the widget's history request answers about the hours (a visitor who never wrote). */
async function widgetHours() {
  const request = signedAppProxyRequest({
    path: "/proxy/chat/history",
    shop: TEST_SHOP_DOMAIN,
    json: { visitorId: `v_${randomUUID().replace(/-/g, "")}`, visitorSecret: newSecretToken() },
  });
  const res = await chatHistory({ request, params: {}, context: {} } as Parameters<typeof chatHistory>[0]);
  expect(res.status).toBe(200);
  return ((await res.json()) as { hours: { open: boolean; nextOpening: string | null } | null }).hours;
}

const utcDay = (n: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + n));
};

let shopId: string;
let otherId: string;
const OTHER_SETTINGS = { businessHours: { hours: [{ day: 3, open: "07:00", close: "08:00" }] } };

beforeAll(async () => {
  await signInDemoAdmin();
  shopId = (await createShop()).id;
  otherId = (await createShop({ domain: "other-hours.myshopify.com" })).id;
  await db().shop.update({ where: { id: otherId }, data: { settings: OTHER_SETTINGS } });
});

afterAll(async () => {
  signOutDemoAdmin();
  await closeChatRateLimiter();
});

describe("business hours page", () => {
  it("GIVEN a shop that never set hours THEN the widget gets no verdict (hours null), whatever the time", async () => {
    await db().shop.update({
      where: { id: shopId },
      data: { ianaTimezone: "UTC", settings: { quietHours: { start: "09:00", end: "20:00" } } },
    });
    expect(await widgetHours()).toBeNull();
  });

  it("GIVEN a shop with only the old businessHours key THEN the page and the widget read those hours", async () => {
    const tomorrow = utcDay(1);
    await db().shop.update({
      where: { id: shopId },
      data: {
        ianaTimezone: "UTC",
        settings: {
          quietHours: { start: "09:00", end: "20:00" },
          businessHours: { hours: [{ day: tomorrow.getUTCDay(), open: "09:00", close: "17:00" }] },
        },
      },
    });
    expect(await calendarPageData(shopId)).toEqual({
      calendar: { timeZone: null, hours: [{ day: tomorrow.getUTCDay(), open: "09:00", close: "17:00" }], holidays: [] },
      shopTimeZone: "UTC",
    });
    expect(await widgetHours()).toEqual({
      open: false,
      nextOpening: new Date(tomorrow.getTime() + 9 * 3_600_000).toISOString(),
    });
  });

  it("GIVEN the page's form WHEN saved THEN the calendar is stored, other settings kept, another shop untouched", async () => {
    const res = await save({
      timeZone: "Europe/Paris",
      "hours.1.open": "09:00",
      "hours.1.close": "18:00",
      "hours.6.open": "10:00",
      "hours.6.close": "14:00",
      "hours.0.open": "",
      "hours.0.close": "",
      "holiday.0.date": "2026-12-25",
      "holiday.0.name": "Christmas",
      "holiday.1.date": "2026-12-24",
      "holiday.1.name": "",
    });
    expect(res).toEqual({ status: 200, body: { ok: true } });
    expect(await settingsOf(shopId)).toMatchObject({
      quietHours: { start: "09:00", end: "20:00" },
      calendar: {
        timeZone: "Europe/Paris",
        hours: [
          { day: 1, open: "09:00", close: "18:00" },
          { day: 6, open: "10:00", close: "14:00" },
        ],
        holidays: [
          { date: "2026-12-24", name: "" },
          { date: "2026-12-25", name: "Christmas" },
        ],
      },
    });
    expect(await settingsOf(otherId)).toEqual(OTHER_SETTINGS);

    // An empty time zone means "the shop's own".
    expect((await save({ timeZone: "", "hours.2.open": "08:00", "hours.2.close": "12:00" })).status).toBe(200);
    expect(await settingsOf(shopId)).toMatchObject({
      calendar: { timeZone: null, hours: [{ day: 2, open: "08:00", close: "12:00" }], holidays: [] },
    });
  });

  it.each([
    [{ timeZone: "Mars/Olympus" }, "timeZone", "timeZone: unknown time zone"],
    [
      { "hours.2.open": "18:00", "hours.2.close": "09:00" },
      "hours.2.close",
      "hours.2.close: Tuesday must close after it opens",
    ],
    [
      { "hours.4.open": "9am", "hours.4.close": "17:00" },
      "hours.4.open",
      "hours.4.open: Thursday must be HH:MM (00:00 to 23:59)",
    ],
    [{ "hours.5.open": "09:00" }, "hours.5.close", "hours.5.close: Friday must be HH:MM (00:00 to 23:59)"],
    [
      { "holiday.0.date": "2026-02-30", "holiday.0.name": "" },
      "holiday.0.date",
      "holiday.0.date: must be a date (YYYY-MM-DD)",
    ],
    [
      { "holiday.0.date": "2026-12-25", "holiday.1.date": "2026-12-25" },
      "holiday.1.date",
      "holiday.1.date: 2026-12-25 is listed twice",
    ],
    [
      { "holiday.0.date": "2026-12-25", "holiday.0.name": "x".repeat(81) },
      "holiday.0.name",
      "holiday.0.name: name is 80 characters at most",
    ],
  ])("GIVEN %j WHEN saved THEN 400 naming %s and nothing written", async (fields, field, error) => {
    const before = await settingsOf(shopId);
    const res = await save(fields as Record<string, string>);
    expect(res).toEqual({ status: 400, body: { ok: false, field, error } });
    expect(await settingsOf(shopId)).toEqual(before);
  });

  it("GIVEN today is a holiday WHEN the widget asks THEN closed, opening tomorrow; without the holiday THEN open", async () => {
    const [today, tomorrow] = [utcDay(0), utcDay(1)];
    const everyDay = Object.fromEntries(
      [0, 1, 2, 3, 4, 5, 6].flatMap((d) => [
        [`hours.${d}.open`, "00:00"],
        [`hours.${d}.close`, "23:59"],
      ]),
    );
    expect(
      (
        await save({
          ...everyDay,
          timeZone: "UTC",
          "holiday.0.date": today.toISOString().slice(0, 10),
          "holiday.0.name": "Closed",
        })
      ).status,
    ).toBe(200);
    expect(await widgetHours()).toEqual({ open: false, nextOpening: tomorrow.toISOString() });

    expect((await save({ ...everyDay, timeZone: "UTC" })).status).toBe(200);
    // 23:59–24:00 UTC is the one closed minute of this calendar.
    if (new Date().getUTCHours() * 60 + new Date().getUTCMinutes() < 23 * 60 + 59) {
      expect(await widgetHours()).toEqual({ open: true, nextOpening: null });
    }
  });
});
