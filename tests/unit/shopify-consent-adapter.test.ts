// Shopify's consent shapes (API 2026-10) in and out of our words, in one adapter.
import { describe, expect, it } from "vitest";
import {
  consentFromWebhook,
  consentMutation,
  consentMutationRefusal,
  ConsentPayloadError,
  shopifyCustomerIdOf,
} from "../../app/consent/shopify-consent-adapter.server";

describe("consent webhooks", () => {
  it("GIVEN customers/email_marketing_consent_update THEN the customer, EMAIL, REVOKED and Shopify's time", () => {
    const mapped = consentFromWebhook("customers/email_marketing_consent_update", {
      customer_id: 706405506,
      email_address: "ava@example.com",
      email_marketing_consent: {
        state: "unsubscribed",
        opt_in_level: "single_opt_in",
        consent_updated_at: "2026-11-25T12:00:00-05:00",
      },
    });
    expect(mapped.shopifyCustomerId).toBe(706405506n);
    expect(mapped.report).toMatchObject({
      channel: "EMAIL",
      purpose: "MARKETING",
      state: "REVOKED",
      shopifyState: "UNSUBSCRIBED",
      optInLevel: "SINGLE_OPT_IN",
      address: "ava@example.com",
    });
    expect(mapped.report.occurredAt?.toISOString()).toBe("2026-11-25T17:00:00.000Z");
  });

  it("GIVEN customers/marketing_consent_update THEN SMS, with where it was collected; pending acts on nothing", () => {
    const mapped = consentFromWebhook("customers/marketing_consent_update", {
      id: 706405506,
      phone: "+14155550123",
      sms_marketing_consent: {
        state: "pending",
        opt_in_level: "confirmed_opt_in",
        consent_updated_at: null,
        consent_collected_from: "other",
      },
    });
    expect(mapped.report).toMatchObject({ channel: "SMS", state: null, occurredAt: null, collectedFrom: "OTHER" });
  });

  it("GIVEN a 64-bit id THEN the GID string is trusted, and a rounded number is refused", () => {
    expect(shopifyCustomerIdOf({ gid: "gid://shopify/Customer/820982911946154508", id: 820982911946154500 })).toBe(
      820982911946154508n,
    );
    expect(shopifyCustomerIdOf({ id: "820982911946154508" })).toBe(820982911946154508n);
    expect(shopifyCustomerIdOf({ id: 820982911946154500 })).toBeNull();
    expect(() =>
      consentFromWebhook("customers/marketing_consent_update", {
        id: 820982911946154500,
        sms_marketing_consent: { state: "unsubscribed" },
      }),
    ).toThrow(ConsentPayloadError);
  });
});

describe("consent mutations", () => {
  it("GIVEN our opt-out on SMS THEN customerSmsMarketingConsentUpdate with UNSUBSCRIBED for the customer's GID", () => {
    const mutation = consentMutation({
      shopifyCustomerId: 820982911946154508n,
      channel: "SMS",
      state: "REVOKED",
      occurredAt: new Date("2026-12-01T10:00:00Z"),
    });
    expect(mutation.document).toMatch(/^mutation CustomerSmsMarketingConsentUpdate\(/);
    expect(mutation.variables).toEqual({
      input: {
        customerId: "gid://shopify/Customer/820982911946154508",
        smsMarketingConsent: { marketingState: "UNSUBSCRIBED", consentUpdatedAt: "2026-12-01T10:00:00.000Z" },
      },
    });
  });

  it("GIVEN our opt-in on email THEN SUBSCRIBED, single opt-in; userErrors come back as the refusal", () => {
    const mutation = consentMutation({
      shopifyCustomerId: 71n,
      channel: "EMAIL",
      state: "GRANTED",
      occurredAt: new Date("2026-12-01T10:00:00Z"),
    });
    expect(mutation.variables).toEqual({
      input: {
        customerId: "gid://shopify/Customer/71",
        emailMarketingConsent: {
          marketingState: "SUBSCRIBED",
          marketingOptInLevel: "SINGLE_OPT_IN",
          consentUpdatedAt: "2026-12-01T10:00:00.000Z",
        },
      },
    });
    expect(
      consentMutationRefusal(mutation, {
        customerEmailMarketingConsentUpdate: { customer: { id: "gid://shopify/Customer/71" }, userErrors: [] },
      }),
    ).toBeNull();
    expect(
      consentMutationRefusal(mutation, {
        customerEmailMarketingConsentUpdate: {
          customer: null,
          userErrors: [{ field: ["input", "customerId"], message: "Customer not found", code: "INVALID" }],
        },
      }),
    ).toBe("INVALID: Customer not found (input.customerId)");
  });
});
