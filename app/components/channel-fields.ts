// The provider forms of the Channels page, shared by the route and its server query.
export const CONNECTABLE_PROVIDERS = ["TWILIO", "SENDGRID"] as const;
export type ConnectableProvider = (typeof CONNECTABLE_PROVIDERS)[number];

/** The form fields per provider, in display order; `secret` fields are never sent to the browser. */
export const PROVIDER_FIELDS: Record<ConnectableProvider, ReadonlyArray<{ key: string; secret: boolean }>> = {
  TWILIO: [
    { key: "accountSid", secret: false },
    { key: "authToken", secret: true },
    { key: "fromNumber", secret: false },
    { key: "messagingServiceSid", secret: false },
    { key: "whatsappFrom", secret: false },
  ],
  SENDGRID: [
    { key: "apiKey", secret: true },
    { key: "fromEmail", secret: false },
    { key: "fromName", secret: false },
    { key: "replyToDomain", secret: false },
    { key: "eventWebhookPublicKey", secret: false },
  ],
};
