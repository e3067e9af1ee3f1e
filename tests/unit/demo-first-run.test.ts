// What a merchant sees on the first `npm run demo`: the .env it writes, the banner
// it prints, and the payload webhook:send makes of a fixture.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bannerLines } from "../../scripts/demo/banner";
import { envFileFromExample } from "../../scripts/demo/env-file";
import { freshenTimestamps } from "../../scripts/webhook/fresh-timestamps";

const EXAMPLE = readFileSync(".env.example", "utf8");

describe("the .env the demo writes", () => {
  it("GIVEN PORT=3200 WHEN .env is created from .env.example THEN it names port 3200 for PORT and the app URL", () => {
    const env = envFileFromExample(EXAMPLE, { PORT: "3200" });

    expect(env).toMatch(/^PORT=3200$/m);
    expect(env).toMatch(/^SHOPIFY_APP_URL=http:\/\/localhost:3200$/m);
    expect(env).not.toContain("3000");
  });

  it("GIVEN no PORT WHEN .env is created THEN it is .env.example unchanged", () => {
    expect(envFileFromExample(EXAMPLE, {})).toBe(EXAMPLE);
  });
});

describe("the demo's banner", () => {
  it("GIVEN the app and stand-ins on 127.0.0.1 WHEN the banner prints THEN every address says localhost", () => {
    const text = bannerLines({
      url: "http://localhost:3200",
      storefrontUrl: "http://localhost:3200/demo/storefront",
      outboxUrl: "http://localhost:3200/demo/outbox",
      shopDomain: "threadline-demo.myshopify.com",
      apiSecret: "s",
      standIns: { Twilio: "http://127.0.0.1:40001", SendGrid: "http://127.0.0.1:40002" },
      conversations: 6,
    }).join("\n");

    expect(text).not.toContain("127.0.0.1");
    expect(text).toContain("http://localhost:3200/app");
    expect(text).toContain("http://localhost:40001");
    // The page listing what the stand-ins received is announced with them.
    expect(text).toContain("http://localhost:3200/demo/outbox");
  });
});

describe("fresh timestamps", () => {
  it("GIVEN a payload with 64-bit ids WHEN its dates are moved THEN only the *_at values change, byte for byte elsewhere", () => {
    const raw =
      '{"id":820982911946154508,"created_at":"2026-01-01T10:00:00-05:00","updated_at":"2026-01-02T10:00:00.500Z","note":"sent_at 2020"}';

    const { body, moved } = freshenTimestamps(raw, new Date("2026-12-02T12:00:00.500Z"));

    expect(moved).toBe(2);
    expect(body).toBe(
      '{"id":820982911946154508,"created_at":"2026-12-01T12:00:00-05:00","updated_at":"2026-12-02T12:00:00.500Z","note":"sent_at 2020"}',
    );
  });
});
