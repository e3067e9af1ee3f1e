// SQL fragments for "this customer can actually be sent marketing": a GRANTED marketing consent on
// a channel we also hold an address for. MARKETABLE (enrol.server.ts) only asks for the grant; a
// customer who said yes to SMS but whose phone we never got would enter, and every step would be
// skipped with "no phone number". Enrolment narrows with these; the step still decides per channel.
import { Prisma } from "../generated/prisma/client";

/**
 * SQL: the consent row (alias `k`) is for a channel the customer (alias `c`) has an address for.
 * WhatsApp reaches the customer's phone, or a WhatsApp identity they wrote to us from
 * (app/flows/choose-channel.ts addressFor).
 */
export const GRANT_IS_REACHABLE = Prisma.sql`(CASE k."channel"
     WHEN 'EMAIL'::"Channel" THEN coalesce(c."email", '') <> ''
     WHEN 'SMS'::"Channel" THEN coalesce(c."phone", '') <> ''
     WHEN 'WHATSAPP'::"Channel" THEN coalesce(c."phone", '') <> '' OR EXISTS (SELECT 1 FROM "CustomerIdentity" w
       WHERE w."customerId" = c."id" AND w."kind" = 'WHATSAPP'::"IdentityKind")
     ELSE false END)`;

/** SQL: a GRANTED marketing consent row (alias `k`). */
export const MARKETING_GRANT = Prisma.sql`k."purpose" = 'MARKETING'::"ConsentPurpose" AND k."state" = 'GRANTED'::"ConsentState"`;

/** SQL: the customer (alias `c`) has a granted marketing consent on a channel they can be reached on. */
export const MARKETABLE_AND_REACHABLE = Prisma.sql`EXISTS (SELECT 1 FROM "Consent" k
   WHERE k."customerId" = c."id" AND ${MARKETING_GRANT} AND ${GRANT_IS_REACHABLE})`;

/** SQL: the customer (alias `c`) is a live row: not merged into another, not redacted (GDPR). */
export const LIVE_CUSTOMER = Prisma.sql`c."mergedIntoId" IS NULL AND c."redactedAt" IS NULL`;
