// Builds the twilio-node client. With a base URL (config().TWILIO_API_BASE_URL, e.g. a local
// stand-in) every *.twilio.com request is re-aimed there; the SDK itself stays untouched, only its
// HTTP layer is node:http with keep-alive rather than axios (node-http-request-client.server.ts).
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import { config } from "../../config.server";
import { boundedMemo } from "../../lib/bounded-memo";
import { NodeHttpRequestClient } from "./node-http-request-client.server";

/** Every *.twilio.com URI re-aimed at `baseUrl` (region/edge hosts included). */
export function twilioBaseUrlRewrite(baseUrl: string): (uri: string) => string {
  const base = baseUrl.replace(/\/+$/, "");
  // An account sends to the same few URIs (Messages.json) over and over: parsed once each.
  return boundedMemo(256, (uri) => {
    const target = new URL(uri);
    if (target.hostname !== "twilio.com" && !target.hostname.endsWith(".twilio.com")) return uri;
    return `${base}${target.pathname}${target.search}`;
  });
}

export interface TwilioClientOptions {
  accountSid: string;
  authToken: string;
  /** Defaults to config().TWILIO_API_BASE_URL; unset means the real api.twilio.com. */
  baseUrl?: string;
  /** Passed to twilio-node's RequestClient (timeout, autoRetry on 429, maxRetries, …). */
  http?: RequestClient.RequestClientOptions;
}

export function createTwilioClient({ accountSid, authToken, baseUrl, http }: TwilioClientOptions): twilio.Twilio {
  const base = baseUrl ?? config().TWILIO_API_BASE_URL;
  const httpClient = new NodeHttpRequestClient({ ...http, ...(base ? { rewrite: twilioBaseUrlRewrite(base) } : {}) });
  return new twilio.Twilio(accountSid, authToken, { httpClient });
}
