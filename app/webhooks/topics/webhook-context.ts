import type { WebhookTopic } from "../known-topics";

export interface WebhookContext {
  receiptId: string;
  topic: WebhookTopic;
  shopDomain: string;
  payload: unknown;
}

export type TopicHandler = (context: WebhookContext) => Promise<void>;
