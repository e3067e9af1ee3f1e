// The automatic answer settings card's route (POST /app/answers/settings): per-channel modes,
// "at most in a row" saved into Shop.settings next to the shop's other settings (left untouched),
// a bad value refused with nothing written; business hours sent here refused (they moved to
// /app/settings/hours, tests/integration/business-hours-settings.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autoAnswerCardData } from "../../app/answers/save-settings.server";
import { db } from "../../app/db/client.server";
import { createShop } from "../support/factories";
import { postToAdminRoute, signInDemoAdmin, signOutDemoAdmin } from "../support/admin-route";

const save = (fields: Record<string, string>) =>
  postToAdminRoute(() => import("../../app/routes/app.answers.settings"), "/app/answers/settings", fields);

let shopId: string;

beforeAll(async () => {
  await signInDemoAdmin();
  shopId = (await createShop()).id;
  await db().shop.update({
    where: { id: shopId },
    data: { settings: { quietHours: { start: "09:00", end: "20:00" } } },
  });
});

afterAll(signOutDemoAdmin);

describe("automatic answer settings", () => {
  it("GIVEN a shop that never saved them THEN every channel is off, 2 in a row", async () => {
    const data = await autoAnswerCardData(shopId);
    expect(Object.values(data.settings.channels)).toEqual(["off", "off", "off", "off", "off", "off"]);
    expect(data.settings.maxInARow).toBe(2);
  });

  it("GIVEN the card's form WHEN saved THEN the modes and limit are stored and other settings kept", async () => {
    const res = await save({
      "channel.SMS": "always",
      "channel.CHAT": "outside_business_hours",
      maxInARow: "3",
    });
    expect(res).toEqual({ status: 200, body: { ok: true } });
    const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId } });
    expect(shop.settings).toMatchObject({
      quietHours: { start: "09:00", end: "20:00" },
      autoAnswers: {
        channels: { SMS: "always", CHAT: "outside_business_hours", EMAIL: "off", WHATSAPP: "off" },
        maxInARow: 3,
      },
    });
    expect(shop.settings).not.toHaveProperty("businessHours");
    expect(shop.settings).not.toHaveProperty("calendar");
  });

  it("GIVEN a closing time before the opening, or an unknown mode WHEN saved THEN 400 naming the field and nothing changes", async () => {
    const before = (await db().shop.findUniqueOrThrow({ where: { id: shopId } })).settings;
    const badHours = await save({
      "channel.SMS": "always",
      maxInARow: "2",
      "hours.2.open": "18:00",
      "hours.2.close": "09:00",
    });
    expect(badHours).toEqual({
      status: 400,
      body: { ok: false, field: "hours.2.close", error: "Business hours: Tuesday must close after it opens" },
    });
    const badMode = await save({
      "channel.SMS": "sometimes",
      maxInARow: "2",
      "hours.1.open": "08:00",
      "hours.1.close": "12:00",
    });
    expect(badMode.status).toBe(400);
    expect((await db().shop.findUniqueOrThrow({ where: { id: shopId } })).settings).toEqual(before);
  });

  it("GIVEN the card's old hours fields WHEN saved THEN they become the calendar's weekday hours, its holidays kept", async () => {
    await db().shop.update({
      where: { id: shopId },
      data: {
        settings: {
          ...((await db().shop.findUniqueOrThrow({ where: { id: shopId } })).settings as object),
          calendar: { timeZone: "Europe/Paris", hours: [], holidays: [{ date: "2026-12-25", name: "Christmas" }] },
        },
      },
    });
    const res = await save({
      "hours.1.open": "08:30",
      "hours.1.close": "18:00",
      "hours.6.open": "10:00",
      "hours.6.close": "14:00",
    });
    expect(res).toEqual({ status: 200, body: { ok: true } });
    const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId } });
    expect((shop.settings as Record<string, unknown>).calendar).toEqual({
      timeZone: "Europe/Paris",
      hours: [
        { day: 1, open: "08:30", close: "18:00" },
        { day: 6, open: "10:00", close: "14:00" },
      ],
      holidays: [{ date: "2026-12-25", name: "Christmas" }],
    });
  });

  it("GIVEN only one channel's field WHEN saved THEN that channel changes and every other saved value is kept", async () => {
    const before = (await db().shop.findUniqueOrThrow({ where: { id: shopId } })).settings as Record<string, unknown>;
    const res = await save({ "channel.EMAIL": "always" });
    expect(res).toEqual({ status: 200, body: { ok: true } });
    const after = (await db().shop.findUniqueOrThrow({ where: { id: shopId } })).settings as Record<string, unknown>;
    const autoAnswers = before.autoAnswers as { channels: Record<string, string>; maxInARow: number };
    expect(after).toEqual({
      ...before,
      autoAnswers: { ...autoAnswers, channels: { ...autoAnswers.channels, EMAIL: "always" } },
    });
  });
});
