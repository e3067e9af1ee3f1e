// A private @sendgrid/mail MailService (never the module singleton, so two shops' keys cannot
// leak into each other), optionally aimed at a base URL such as a local stand-in.
import { MailService } from "@sendgrid/mail";
import { Client } from "@sendgrid/client";
import { config } from "../../config.server";

export interface SendGridMailClientOptions {
  apiKey: string;
  /** Defaults to config().SENDGRID_API_BASE_URL; unset means the real api.sendgrid.com. */
  baseUrl?: string;
  timeoutMs?: number;
}

export function createSendGridMailClient({ apiKey, baseUrl, timeoutMs }: SendGridMailClientOptions): MailService {
  const client = new Client();
  client.setApiKey(apiKey);
  const base = baseUrl ?? config().SENDGRID_API_BASE_URL;
  // Must follow setApiKey: setApiKey resets baseUrl to the region's host.
  if (base) client.setDefaultRequest("baseUrl", base.endsWith("/") ? base : `${base}/`);
  const mail = new MailService();
  mail.setClient(client);
  if (timeoutMs !== undefined) mail.setTimeout(timeoutMs);
  return mail;
}
