// Shared set-up for the send pipeline / consent tests: the vendor stand-ins, a shop with Twilio and
// SendGrid connections, and a tiny HTTP server that serves our provider webhook routes at the
// public URL (SHOPIFY_APP_URL), so the stand-ins' signed callbacks travel end to end.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";
import { resetConfigCache } from "../../app/config.server";
import { saveConnection } from "../../app/channels/credentials.server";
import { db } from "../../app/db/client.server";
import { generateEventWebhookKeyPair, startVendorFakes, type VendorFakes } from "../fakes";
import { createShop } from "../support/factories";
import { action as twilioStatus } from "../../app/routes/webhooks.twilio.status.$token";
import { action as twilioInbound } from "../../app/routes/webhooks.twilio.inbound.$token";
import { action as sendgridEvents } from "../../app/routes/webhooks.sendgrid.events.$token";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "../../app/routes/unsubscribe.$token";

export const ACCOUNT_SID = `AC${"1".repeat(32)}`;
export const AUTH_TOKEN = "twilio-auth-token-secret";
export const SMS_FROM = "+12025550143";
export const WHATSAPP_FROM = "+16505551234";
export const SENDGRID_KEY = "SG.secret-key";
export const FROM_EMAIL = "hello@shop.example.com";
export const eventKeys = generateEventWebhookKeyPair();

type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

const ROUTES: Array<{ path: RegExp; action: Handler; loader?: Handler }> = [
  { path: /^\/webhooks\/twilio\/status\/([^/]+)$/, action: twilioStatus as Handler },
  { path: /^\/webhooks\/twilio\/inbound\/([^/]+)$/, action: twilioInbound as Handler },
  { path: /^\/webhooks\/sendgrid\/events\/([^/]+)$/, action: sendgridEvents as Handler },
  { path: /^\/unsubscribe\/([^/]+)$/, action: unsubscribeAction as Handler, loader: unsubscribeLoader as Handler },
];

export interface SendingEnv {
  fakes: VendorFakes;
  appUrl: string;
  shopId: string;
  twilioToken: string;
  sendgridToken: string;
  close(): Promise<void>;
}

async function startRouteServer(): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const route = ROUTES.find((r) => r.path.test(url.pathname));
      if (!route) {
        res.writeHead(404).end();
        return;
      }
      const token = route.path.exec(url.pathname)![1];
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new Request(url, {
        method: req.method,
        headers,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
      });
      const handler = req.method === "GET" && route.loader ? route.loader : route.action;
      const response = await handler({ request, params: { token }, context: {} });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function startSendingEnv(): Promise<SendingEnv> {
  const fakes = await startVendorFakes({
    twilio: { credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN } },
    sendgrid: { apiKey: SENDGRID_KEY },
  });
  const { server, url } = await startRouteServer();
  Object.assign(process.env, fakes.env, { SHOPIFY_APP_URL: url });
  resetConfigCache();
  const shop = await createShop();
  const tw = await saveConnection(shop.id, "TWILIO", {
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    fromNumber: SMS_FROM,
    whatsappFrom: WHATSAPP_FROM,
  });
  const sg = await saveConnection(shop.id, "SENDGRID", {
    apiKey: SENDGRID_KEY,
    fromEmail: FROM_EMAIL,
    eventWebhookPublicKey: eventKeys.publicKey,
  });
  return {
    fakes,
    appUrl: url,
    shopId: shop.id,
    twilioToken: tw.webhookToken,
    sendgridToken: sg.webhookToken,
    async close() {
      await fakes.close();
      await new Promise((resolve) => server.close(resolve));
      for (const key of Object.keys(fakes.env)) delete process.env[key];
      resetConfigCache();
    },
  };
}

export async function createCustomer(
  shopId: string,
  over: { phone?: string; email?: string; firstName?: string } = {},
) {
  const customer = await db().customer.create({
    data: {
      shopId,
      firstName: over.firstName ?? "Ada",
      phone: over.phone ?? "+14155550123",
      email: over.email ?? "ada@example.com",
    },
  });
  await db().customerIdentity.createMany({
    data: [
      { shopId, customerId: customer.id, kind: "PHONE", value: customer.phone! },
      { shopId, customerId: customer.id, kind: "EMAIL", value: customer.email! },
    ],
  });
  return customer;
}

/** POSTs a Twilio-signed form to one of our routes, exactly as Twilio would. */
export async function postTwilioSigned(url: string, params: Record<string, string>, authToken = AUTH_TOKEN) {
  const signature = twilio.getExpectedTwilioSignature(authToken, url, params);
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
    body: new URLSearchParams(params).toString(),
  });
}

let sidCounter = 0;
export function inboundSms(from: string, body: string, over: Record<string, string> = {}) {
  const sid = `SM${Date.now().toString(16)}${(sidCounter++).toString(16).padStart(8, "0")}`.padEnd(34, "0");
  return {
    MessageSid: sid,
    SmsMessageSid: sid,
    SmsSid: sid,
    AccountSid: ACCOUNT_SID,
    From: from,
    To: SMS_FROM,
    Body: body,
    NumMedia: "0",
    SmsStatus: "received",
    ...over,
  };
}
