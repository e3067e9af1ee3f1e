// The brand voice guide saved from the Knowledge page into Shop.settings.brandVoice, next to the
// shop's other settings (left untouched), and applied by applyBrandVoice to an automatic answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { applyBrandVoice } from "../../app/knowledge/brand-voice.server";
import { createShop } from "../support/factories";
import { postToAdminRoute, signInDemoAdmin, signOutDemoAdmin } from "../support/admin-route";

const save = (fields: Record<string, string>) =>
  postToAdminRoute(() => import("../../app/routes/app.knowledge.brand-voice"), "/app/knowledge/brand-voice", fields);

let shopId: string;

beforeAll(async () => {
  await signInDemoAdmin();
  const shop = await createShop();
  shopId = shop.id;
  await db().shop.update({
    where: { id: shopId },
    data: { settings: { quietHours: { start: "09:00", end: "20:00" } } },
  });
});

afterAll(signOutDemoAdmin);

describe("brand voice settings", () => {
  it("GIVEN no brand voice WHEN an answer is voiced THEN it is unchanged", async () => {
    expect(await applyBrandVoice(shopId, "We ship in 2 days.", "en")).toBe("We ship in 2 days.");
  });

  it("GIVEN the card is saved WHEN an answer is voiced THEN greeting, sign-off and replacements apply, and other settings are kept", async () => {
    const { status } = await save({
      tone: "formal",
      "greeting.en": "Hello,",
      "greeting.es": "Hola:",
      "greeting.fr": "",
      "signOff.en": "Kind regards, Outfitters",
      "signOff.es": "",
      "signOff.fr": "",
      wordsToAvoid: "cheap -> affordable\nunfortunately",
    });
    expect(status).toBe(200);
    const settings = (await db().shop.findUniqueOrThrow({ where: { id: shopId } })).settings as Record<string, unknown>;
    expect(settings.quietHours).toEqual({ start: "09:00", end: "20:00" });
    expect(settings.brandVoice).toMatchObject({ tone: "formal", greeting: { en: "Hello,", es: "Hola:", fr: "" } });
    expect(await applyBrandVoice(shopId, "Unfortunately, cheap socks sold out.", "en")).toBe(
      "Hello,\n\nAffordable socks sold out.\n\nKind regards, Outfitters",
    );
    expect(await applyBrandVoice(shopId, "Enviamos en 2 días.", "es")).toBe("Hola:\n\nEnviamos en 2 días.");
  });

  it("GIVEN an invalid tone WHEN saved THEN 400 and the stored voice is unchanged", async () => {
    const { status, body } = await save({ tone: "shouty" });
    expect(status).toBe(400);
    expect(body.ok).toBe(false);
    const settings = (await db().shop.findUniqueOrThrow({ where: { id: shopId } })).settings as Record<string, unknown>;
    expect(settings.brandVoice).toMatchObject({ tone: "formal" });
  });
});
