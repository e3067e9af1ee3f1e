// The one place that knows how Shopify spells marketing consent (API 2026-10). Shopify keeps
// reshaping these objects (flat fields on Customer, then on CustomerEmailAddress /
// CustomerPhoneNumber, next a structured smsMarketingConsent), so everything else in Threadline
// speaks only our own words: channel, purpose MARKETING, GRANTED / REVOKED, and when.
//
// In:  the webhooks customers/email_marketing_consent_update and customers/marketing_consent_update
//      (customers/* payloads stopped carrying consent in 2025-01), and Customer.defaultEmailAddress /
//      defaultPhoneNumber in GraphQL (the backfill).
// Out: customerEmailMarketingConsentUpdate / customerSmsMarketingConsentUpdate for our own changes.
import { z } from "zod";
import type { ConsentState } from "../generated/prisma/client";

export type ShopifyConsentChannel = "EMAIL" | "SMS";

/** What Shopify says about one channel's marketing consent, in our words. */
export interface ShopifyConsentReport {
  channel: ShopifyConsentChannel;
  purpose: "MARKETING";
  /** null: a state we do not act on (not subscribed, pending double opt-in, redacted, invalid). */
  state: ConsentState | null;
  /** Shopify's own state, upper case, for the timeline. */
  shopifyState: string | null;
  /** When the consent last changed in Shopify; null when Shopify does not say. */
  occurredAt: Date | null;
  optInLevel: string | null;
  collectedFrom: string | null;
  /** The email address or phone number the consent belongs to, when given. */
  address: string | null;
}

// SUBSCRIBED and UNSUBSCRIBED are the customer's (or the merchant's) word. NOT_SUBSCRIBED (never
// asked) and PENDING (double opt-in not confirmed) say nothing new; REDACTED and INVALID are
// Shopify's bookkeeping and are not opt-ins either, so none of them changes what we hold.
function ourState(shopifyState: string | null): ConsentState | null {
  if (shopifyState === "SUBSCRIBED") return "GRANTED";
  if (shopifyState === "UNSUBSCRIBED") return "REVOKED";
  return null;
}

function dateOrNull(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function report(
  channel: ShopifyConsentChannel,
  fields: {
    state?: string | null;
    updatedAt?: string | null;
    optInLevel?: string | null;
    collectedFrom?: string | null;
    address?: string | null;
  },
): ShopifyConsentReport {
  const shopifyState = fields.state ? fields.state.toUpperCase() : null;
  return {
    channel,
    purpose: "MARKETING",
    state: ourState(shopifyState),
    shopifyState,
    occurredAt: dateOrNull(fields.updatedAt),
    optInLevel: fields.optInLevel ? fields.optInLevel.toUpperCase() : null,
    collectedFrom: fields.collectedFrom ? fields.collectedFrom.toUpperCase() : null,
    address: fields.address ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Customer ids. Shopify ids are 64-bit: a number beyond 2^53 has already lost digits by the time
// JSON.parse hands it over, so the GID string wins, then a decimal string, and a bare number only
// when it is still exact.

const GID = /^gid:\/\/shopify\/Customer\/(\d+)$/;

export function shopifyCustomerIdOf(values: { gid?: unknown; id?: unknown }): bigint | null {
  if (typeof values.gid === "string") {
    const match = GID.exec(values.gid);
    if (match) return BigInt(match[1]);
  }
  if (typeof values.id === "string" && /^\d+$/.test(values.id)) return BigInt(values.id);
  if (typeof values.id === "number" && Number.isSafeInteger(values.id) && values.id > 0) return BigInt(values.id);
  return null;
}

export function customerGid(shopifyCustomerId: bigint): string {
  return `gid://shopify/Customer/${shopifyCustomerId.toString()}`;
}

// ---------------------------------------------------------------------------------------------
// Webhooks (REST spelling: snake_case, lower-case states).

const text = z.string().nullish();
const anyId = z.union([z.string(), z.number()]).nullish();

const emailConsentPayload = z.object({
  customer_id: anyId,
  admin_graphql_api_id: text,
  email_address: text,
  email_marketing_consent: z.object({ state: text, opt_in_level: text, consent_updated_at: text }).nullish(),
});

const smsConsentPayload = z.object({
  id: anyId,
  admin_graphql_api_id: text,
  phone: text,
  sms_marketing_consent: z
    .object({ state: text, opt_in_level: text, consent_updated_at: text, consent_collected_from: text })
    .nullish(),
});

export interface ShopifyConsentWebhook {
  shopifyCustomerId: bigint;
  report: ShopifyConsentReport;
}

export class ConsentPayloadError extends Error {}

export const CONSENT_WEBHOOK_TOPICS = [
  "customers/email_marketing_consent_update",
  "customers/marketing_consent_update",
] as const;
export type ConsentWebhookTopic = (typeof CONSENT_WEBHOOK_TOPICS)[number];

/** Maps one consent webhook; throws ConsentPayloadError when it names no customer or no consent. */
export function consentFromWebhook(topic: ConsentWebhookTopic, payload: unknown): ShopifyConsentWebhook {
  if (topic === "customers/email_marketing_consent_update") {
    const parsed = emailConsentPayload.safeParse(payload);
    if (!parsed.success) throw new ConsentPayloadError(`${topic}: ${parsed.error.issues[0]?.message}`);
    const p = parsed.data;
    const id = shopifyCustomerIdOf({ gid: p.admin_graphql_api_id, id: p.customer_id });
    if (id === null) throw new ConsentPayloadError(`${topic}: no exact customer id`);
    if (!p.email_marketing_consent) throw new ConsentPayloadError(`${topic}: no email_marketing_consent`);
    const c = p.email_marketing_consent;
    return {
      shopifyCustomerId: id,
      report: report("EMAIL", {
        state: c.state,
        updatedAt: c.consent_updated_at,
        optInLevel: c.opt_in_level,
        address: p.email_address,
      }),
    };
  }
  const parsed = smsConsentPayload.safeParse(payload);
  if (!parsed.success) throw new ConsentPayloadError(`${topic}: ${parsed.error.issues[0]?.message}`);
  const p = parsed.data;
  const id = shopifyCustomerIdOf({ gid: p.admin_graphql_api_id, id: p.id });
  if (id === null) throw new ConsentPayloadError(`${topic}: no exact customer id`);
  if (!p.sms_marketing_consent) throw new ConsentPayloadError(`${topic}: no sms_marketing_consent`);
  const c = p.sms_marketing_consent;
  return {
    shopifyCustomerId: id,
    report: report("SMS", {
      state: c.state,
      updatedAt: c.consent_updated_at,
      optInLevel: c.opt_in_level,
      collectedFrom: c.consent_collected_from,
      address: p.phone,
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// GraphQL reads (the backfill, and customers embedded in orders and checkouts).

/** Selected inside every Customer the backfill reads. */
export const CUSTOMER_CONSENT_FIELDS = `
  defaultEmailAddress { emailAddress marketingState marketingOptInLevel marketingUpdatedAt }
  defaultPhoneNumber { phoneNumber marketingState marketingOptInLevel marketingUpdatedAt marketingCollectedFrom }`;

export interface GqlCustomerConsentFields {
  defaultEmailAddress?: {
    emailAddress?: string | null;
    marketingState?: string | null;
    marketingOptInLevel?: string | null;
    marketingUpdatedAt?: string | null;
  } | null;
  defaultPhoneNumber?: {
    phoneNumber?: string | null;
    marketingState?: string | null;
    marketingOptInLevel?: string | null;
    marketingUpdatedAt?: string | null;
    marketingCollectedFrom?: string | null;
  } | null;
}

export function consentFromGraphqlCustomer(customer: GqlCustomerConsentFields): ShopifyConsentReport[] {
  const reports: ShopifyConsentReport[] = [];
  const email = customer.defaultEmailAddress;
  if (email)
    reports.push(
      report("EMAIL", {
        state: email.marketingState,
        updatedAt: email.marketingUpdatedAt,
        optInLevel: email.marketingOptInLevel,
        address: email.emailAddress,
      }),
    );
  const phone = customer.defaultPhoneNumber;
  if (phone)
    reports.push(
      report("SMS", {
        state: phone.marketingState,
        updatedAt: phone.marketingUpdatedAt,
        optInLevel: phone.marketingOptInLevel,
        collectedFrom: phone.marketingCollectedFrom,
        address: phone.phoneNumber,
      }),
    );
  return reports;
}

// ---------------------------------------------------------------------------------------------
// Writes: our own changes (STOP / START, unsubscribe link, staff) told to Shopify.

export interface ConsentWrite {
  shopifyCustomerId: bigint;
  channel: ShopifyConsentChannel;
  state: ConsentState;
  occurredAt: Date;
}

export interface ConsentMutation {
  document: string;
  variables: Record<string, unknown>;
  /** The payload's field in `data`. */
  field: "customerEmailMarketingConsentUpdate" | "customerSmsMarketingConsentUpdate";
}

const EMAIL_MUTATION = `mutation CustomerEmailMarketingConsentUpdate($input: CustomerEmailMarketingConsentUpdateInput!) {
  customerEmailMarketingConsentUpdate(input: $input) {
    customer { id defaultEmailAddress { marketingState marketingUpdatedAt } }
    userErrors { field message code }
  }
}`;

const SMS_MUTATION = `mutation CustomerSmsMarketingConsentUpdate($input: CustomerSmsMarketingConsentUpdateInput!) {
  customerSmsMarketingConsentUpdate(input: $input) {
    customer { id defaultPhoneNumber { marketingState marketingUpdatedAt } }
    userErrors { field message code }
  }
}`;

export function consentMutation(write: ConsentWrite): ConsentMutation {
  // Only SUBSCRIBED, UNSUBSCRIBED and PENDING can be set; we only ever set the first two. A grant
  // we record is the customer's own single action (START, a staff note of their word).
  const consent = {
    marketingState: write.state === "GRANTED" ? "SUBSCRIBED" : "UNSUBSCRIBED",
    ...(write.state === "GRANTED" ? { marketingOptInLevel: "SINGLE_OPT_IN" } : {}),
    consentUpdatedAt: write.occurredAt.toISOString(),
  };
  const customerId = customerGid(write.shopifyCustomerId);
  return write.channel === "EMAIL"
    ? {
        document: EMAIL_MUTATION,
        variables: { input: { customerId, emailMarketingConsent: consent } },
        field: "customerEmailMarketingConsentUpdate",
      }
    : {
        document: SMS_MUTATION,
        variables: { input: { customerId, smsMarketingConsent: consent } },
        field: "customerSmsMarketingConsentUpdate",
      };
}

export interface ConsentMutationUserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

/** null when Shopify took the change; otherwise why it refused (userErrors), in one line. */
export function consentMutationRefusal(mutation: ConsentMutation, data: unknown): string | null {
  const payload = (data as Record<string, { userErrors?: ConsentMutationUserError[]; customer?: unknown } | null>)?.[
    mutation.field
  ];
  if (!payload) return `${mutation.field} returned no payload`;
  const errors = payload.userErrors ?? [];
  if (errors.length)
    return errors
      .map((e) => `${e.code ? `${e.code}: ` : ""}${e.message}${e.field?.length ? ` (${e.field.join(".")})` : ""}`)
      .join("; ");
  if (!payload.customer) return `${mutation.field} returned no customer`;
  return null;
}
