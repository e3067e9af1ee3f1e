import { Session } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { sessionStorage } from "../../app/shopify.server";

describe("Shopify session storage", () => {
  it("GIVEN an offline session WHEN stored THEN the access token is encrypted at rest and loads back in clear", async () => {
    const session = new Session({
      id: "offline_secure.myshopify.com",
      shop: "secure.myshopify.com",
      state: "state",
      isOnline: false,
      scope: "read_orders",
      accessToken: "shpat_super_secret_token",
    });
    await sessionStorage.storeSession(session);

    const row = await db().session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.accessToken).not.toContain("shpat_super_secret_token");
    expect(row.accessToken.startsWith("v1:")).toBe(true);

    const loaded = await sessionStorage.loadSession(session.id);
    expect(loaded?.accessToken).toBe("shpat_super_secret_token");
    expect(session.accessToken).toBe("shpat_super_secret_token");

    const byShop = await sessionStorage.findSessionsByShop("secure.myshopify.com");
    expect(byShop.map((s) => s.accessToken)).toEqual(["shpat_super_secret_token"]);

    await sessionStorage.deleteSession(session.id);
    expect(await db().session.count()).toBe(0);
  });
});
