// The brand voice guide saved from the Knowledge page into Shop.settings.brandVoice, next to the
// shop's other settings (left untouched), and applied by applyBrandVoice to an automatic answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import { applyBrandVoice } from "../../app/knowledge/brand-voice.server";
import { markDemoRunner } from "../../app/shopify/demo-sign-in.server";
import { createShop } from "../support/factories";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";

type RouteModule = {
  action: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;
};

async function save(fields: Record<string, string>) {
  const route = (await import("../../app/routes/app.knowledge.brand-voice")) as unknown as RouteModule;
  const res = await route.action({
    request: new Request("http://127.0.0.1:3999/app/knowledge/brand-voice", {
      method: "POST",
      body: new URLSearchParams(fields),
    }),
    params: {},
    context: {},
  });
  return { status: res.status, body: await res.json() };
}

let shopId: string;

beforeAll(async () => {
  Object.assign(process.env, { THREADLINE_DEMO: "1" });
  markDemoRunner();
  resetConfigCache();
  const shop = await createShop();
  shopId = shop.id;
  await db().shop.update({
    where: { id: shopId },
    data: { settings: { quietHours: { start: "09:00", end: "20:00" } } },
  });
  const [{ Session }, { sessionStorage }] = await Promise.all([
    import("@shopify/shopify-api"),
    import("../../app/shopify.server"),
  ]);
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${TEST_SHOP_DOMAIN}`,
      shop: TEST_SHOP_DOMAIN,
      state: "t",
      isOnline: false,
      accessToken: "shpat_test",
    }),
  );
});

afterAll(() => {
  delete process.env.THREADLINE_DEMO;
  markDemoRunner(false);
  resetConfigCache();
});

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
