// The demo shop's channel connections, pointed at the local stand-ins through
// the *_BASE_URL settings, so that turning a flow on really sends. Kept when
// present: a merchant's own edits on the Channels page survive a restart.
import { loadConnection, saveConnection } from "../../app/channels/credentials.server";
import { generateEventWebhookKeyPair } from "../../tests/fakes/sendgrid";

export const DEMO_TWILIO = {
  accountSid: "AC" + "de".repeat(16),
  authToken: "demo-twilio-auth-token",
  fromNumber: "+15005550006",
  whatsappFrom: "+14155238886",
};

// The demo's Facebook Page and Instagram account: the seeded Messenger and Instagram threads were
// written to these ids, so replies go out through the real Meta adapter to Meta's stand-in, and a
// webhook signed with the app secret lands on this shop.
export const DEMO_META = {
  pageId: "104000000000001",
  instagramAccountId: "17841400000000001",
  pageAccessToken: "demo-meta-page-access-token",
  appSecret: "demo-meta-app-secret",
  verifyToken: "demo-meta-verify-token",
};

export async function seedDemoChannels(shopId: string, shopName: string) {
  if (!(await loadConnection(shopId, "TWILIO").catch(() => null))) {
    await saveConnection(shopId, "TWILIO", DEMO_TWILIO);
  }
  if (!(await loadConnection(shopId, "SENDGRID").catch(() => null))) {
    await saveConnection(shopId, "SENDGRID", {
      apiKey: "SG.demo-sendgrid-api-key",
      fromEmail: "hello@threadline-demo.example",
      fromName: shopName,
      replyToDomain: "reply.threadline-demo.example",
      eventWebhookPublicKey: generateEventWebhookKeyPair().publicKey,
    });
  }
  if (!(await loadConnection(shopId, "META").catch(() => null))) {
    await saveConnection(shopId, "META", DEMO_META);
  }
}
