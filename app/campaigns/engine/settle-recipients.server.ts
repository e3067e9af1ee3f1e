// A SENDING recipient follows its Message: once the message is no longer PENDING the recipient is
// SENT (the provider took it: queued, sent, delivered, read…), SKIPPED opted_out (consent revoked
// just before the call), or FAILED with the provider's error code (needs_review when a crash hid
// the provider's answer: never resent, a person checks). An accepted send settles its recipient as
// it is recorded (record-accepted.server.ts); messages that settle otherwise (their own send job:
// retries, crash recovery; a status callback) are caught by this, which runs once no recipient is
// due, in the follow-up jobs and before progress is read.
import { db } from "../../db/client.server";

export async function settleCampaignRecipients(campaignId: string): Promise<number> {
  return db().$executeRaw`
    UPDATE "CampaignRecipient" r
       SET "state" = (CASE
             WHEN m."deliveryStatus" = 'FAILED' AND m."errorCode" = 'CONSENT_REVOKED' THEN 'SKIPPED'
             WHEN m."deliveryStatus" IN ('FAILED', 'UNDELIVERED', 'NEEDS_REVIEW') THEN 'FAILED'
             ELSE 'SENT' END)::"CampaignRecipientState",
           "skipReason" = CASE
             WHEN m."deliveryStatus" = 'FAILED' AND m."errorCode" = 'CONSENT_REVOKED' THEN 'opted_out'
             WHEN m."deliveryStatus" = 'NEEDS_REVIEW' THEN 'needs_review'
             WHEN m."deliveryStatus" IN ('FAILED', 'UNDELIVERED') THEN COALESCE(lower(m."errorCode"), 'failed')
             ELSE NULL END,
           "updatedAt" = now()
      FROM "Message" m
     WHERE r."campaignId" = ${campaignId} AND r."state" = 'SENDING'
       AND m."id" = r."messageId" AND m."deliveryStatus" <> 'PENDING'`;
}
