// Builds the twilio-node client. With a base URL (config().TWILIO_API_BASE_URL, e.g. a local
// stand-in) every *.twilio.com request is re-aimed there; the SDK itself stays untouched.
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import { config } from "../../config.server";

type RequestOptions<T> = RequestClient.RequestOptions<T>;

export class BaseUrlRequestClient extends twilio.RequestClient {
  private readonly base: string;

  constructor(baseUrl: string, opts?: RequestClient.RequestClientOptions) {
    super(opts);
    this.base = baseUrl.replace(/\/+$/, "");
  }

  rewrite(uri: string): string {
    const target = new URL(uri);
    // Region/edge settings turn api.twilio.com into api.<edge>.<region>.twilio.com; all go to the base.
    if (target.hostname !== "twilio.com" && !target.hostname.endsWith(".twilio.com")) return uri;
    return `${this.base}${target.pathname}${target.search}`;
  }

  override request<TData>(opts: RequestOptions<TData>) {
    return super.request({ ...opts, uri: this.rewrite(opts.uri) });
  }
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
  const httpClient = base ? new BaseUrlRequestClient(base, http) : new twilio.RequestClient(http);
  return new twilio.Twilio(accountSid, authToken, { httpClient });
}
