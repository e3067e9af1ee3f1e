// The automatic answer settings card's route (POST /app/answers/settings): per-channel modes,
// "at most in a row" and business hours saved into Shop.settings next to the shop's other
// settings (left untouched), a bad value refused with nothing written.
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
  it("GIVEN a shop that never saved them THEN every channel is off, 2 in a row, Monday to Friday 09:00–17:00", async () => {
    const data = await autoAnswerCardData(shopId);
    expect(Object.values(data.settings.channels)).toEqual(["off", "off", "off", "off", "off", "off"]);
    expect(data.settings.maxInARow).toBe(2);
    expect(data.businessHours.hours.map((h) => h.day)).toEqual([1, 2, 3, 4, 5]);
  });

  it("GIVEN the card's form WHEN saved THEN the modes, limit and hours are stored and other settings kept", async () => {
    const res = await save({
      "channel.SMS": "always",
      "channel.CHAT": "outside_business_hours",
      maxInARow: "3",
      "hours.1.open": "08:30",
      "hours.1.close": "18:00",
      "hours.6.open": "10:00",
      "hours.6.close": "14:00",
    });
    expect(res).toEqual({ status: 200, body: { ok: true } });
    const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId } });
    expect(shop.settings).toMatchObject({
      quietHours: { start: "09:00", end: "20:00" },
      autoAnswers: {
        channels: { SMS: "always", CHAT: "outside_business_hours", EMAIL: "off", WHATSAPP: "off" },
        maxInARow: 3,
      },
      businessHours: {
        hours: [
          { day: 1, open: "08:30", close: "18:00" },
          { day: 6, open: "10:00", close: "14:00" },
        ],
      },
    });
  });

  it("GIVEN a closing time before the opening, or an unknown mode WHEN saved THEN 400 and nothing changes", async () => {
    const before = (await db().shop.findUniqueOrThrow({ where: { id: shopId } })).settings;
    const badHours = await save({
      "channel.SMS": "always",
      maxInARow: "2",
      "hours.2.open": "18:00",
      "hours.2.close": "09:00",
    });
    expect(badHours.status).toBe(400);
    expect(badHours.body.error).toMatch(/^Business hours: /);
    const badMode = await save({ "channel.SMS": "sometimes", maxInARow: "2" });
    expect(badMode.status).toBe(400);
    expect((await db().shop.findUniqueOrThrow({ where: { id: shopId } })).settings).toEqual(before);
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
