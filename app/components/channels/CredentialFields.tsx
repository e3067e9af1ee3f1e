// A connection's credential fields; a saved secret is never shown, only marked as kept.
import { TextField } from "@shopify/polaris";

const FIELD_INFO: Record<string, { label: string; help?: string; type?: "text" | "email" | "password" }> = {
  accountSid: { label: "Account SID", help: "Starts with AC, from the Twilio Console home page." },
  authToken: { label: "Auth token", type: "password" },
  fromNumber: { label: "Sender phone number", help: "In international format, e.g. +14155550123." },
  messagingServiceSid: {
    label: "Messaging service SID",
    help: "Optional. Starts with MG; used instead of the sender number when given.",
  },
  whatsappFrom: { label: "WhatsApp sender", help: "Optional. The WhatsApp-enabled number, e.g. +14155550123." },
  apiKey: { label: "API key", type: "password" },
  fromEmail: { label: "From address", type: "email" },
  fromName: { label: "From name", help: "Optional. Shown as the sender's name." },
  replyToDomain: {
    label: "Reply-to domain",
    help: "Optional. Your Inbound Parse domain, so that replies come back into Threadline.",
  },
  eventWebhookPublicKey: {
    label: "Event webhook verification key",
    help: "The public key SendGrid shows when signature verification is on.",
  },
  pageId: { label: "Facebook Page ID", help: "From your Page's About section or Meta Business Suite." },
  pageAccessToken: { label: "Page access token", type: "password" },
  appSecret: { label: "App secret", type: "password", help: "Meta app dashboard → App settings → Basic." },
  verifyToken: {
    label: "Verify token",
    type: "password",
    help: "Any string you choose; enter the same one in Meta's webhook settings.",
  },
  instagramAccountId: {
    label: "Instagram account ID",
    help: "Optional. The Instagram professional account linked to the Page, for Instagram Direct.",
  },
};

export function CredentialFields({
  fields,
  savedSecrets,
  values,
  setValues,
  fieldErrors,
}: {
  fields: readonly { key: string; secret?: boolean }[];
  savedSecrets: readonly string[];
  values: Record<string, string>;
  setValues: (update: (current: Record<string, string>) => Record<string, string>) => void;
  fieldErrors: Record<string, string | undefined>;
}) {
  return (
    <>
      {fields.map((field) => {
        const info = FIELD_INFO[field.key] ?? { label: field.key };
        const secretSaved = field.secret && savedSecrets.includes(field.key);
        return (
          <TextField
            key={field.key}
            name={field.key}
            label={secretSaved ? `${info.label} (saved)` : info.label}
            type={info.type ?? "text"}
            autoComplete="off"
            value={values[field.key] ?? ""}
            onChange={(value) => setValues((v) => ({ ...v, [field.key]: value }))}
            placeholder={secretSaved ? "Saved: leave blank to keep" : undefined}
            helpText={secretSaved ? "Saved. Leave blank to keep the stored value." : info.help}
            error={fieldErrors[field.key]}
          />
        );
      })}
    </>
  );
}
