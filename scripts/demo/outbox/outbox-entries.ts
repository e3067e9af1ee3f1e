// What the demo's stand-ins captured, as one list for /demo/outbox: every request Twilio, SendGrid
// and Meta's stand-ins received (accepted or refused), newest first, with the status callbacks
// Twilio's stand-in posted back. Pure: the page renders it, a unit test checks it.
import type { FakeMetaGraph, FakeSendGrid, FakeTwilio, SendGridMailBody } from "../../../tests/fakes";

export type OutboxProvider = "Twilio" | "SendGrid" | "Meta";

export interface OutboxCallback {
  at: Date;
  status: string;
  /** The app's HTTP answer to the signed callback, or the network error. */
  answer: string;
}

export interface OutboxEntry {
  at: Date;
  provider: OutboxProvider;
  channel: string;
  to: string;
  from: string | null;
  subject: string | null;
  body: string;
  /** "accepted <provider id>" or "refused <code>: <message>". */
  outcome: string;
  accepted: boolean;
  callbacks: OutboxCallback[];
}

export interface OutboxSources {
  twilio: Pick<FakeTwilio, "messages" | "rejected" | "callbacks">;
  sendgrid: Pick<FakeSendGrid, "mails" | "rejected">;
  meta: Pick<FakeMetaGraph, "messages" | "rejected">;
}

/** The Send API call carries no channel: the app's own message row knows (provider id → channel). */
export type MetaChannelOf = (messageId: string) => string | undefined;

const twilioChannel = (to: string) => (to.startsWith("whatsapp:") ? "WhatsApp" : "SMS");

function mailParts(body: SendGridMailBody | undefined) {
  const personalizations = Array.isArray(body?.personalizations) ? body.personalizations : [];
  const to = personalizations
    .flatMap((p) => (Array.isArray(p?.to) ? p.to : []))
    .map((t) => t?.email ?? "")
    .filter(Boolean)
    .join(", ");
  const content = Array.isArray(body?.content) ? body.content : [];
  const text = content.find((c) => c?.type === "text/plain") ?? content[0];
  return {
    to,
    from: body?.from?.email ?? null,
    subject: personalizations[0]?.subject ?? body?.subject ?? null,
    body: typeof text?.value === "string" ? text.value : "",
  };
}

function metaParts(body: unknown) {
  const b = (body && typeof body === "object" ? body : {}) as {
    recipient?: { id?: string };
    message?: { text?: string };
    tag?: string;
  };
  return { to: b.recipient?.id ?? "", body: b.message?.text ?? "", tag: b.tag ?? null };
}

export function outboxEntries(sources: OutboxSources, metaChannelOf: MetaChannelOf = () => undefined): OutboxEntry[] {
  const { twilio, sendgrid, meta } = sources;
  const entries: OutboxEntry[] = [
    ...twilio.messages.map((m): OutboxEntry => ({
      at: m.dateCreated,
      provider: "Twilio",
      channel: twilioChannel(m.to),
      to: m.to,
      from: m.from ?? m.messagingServiceSid,
      subject: null,
      body: m.body ?? (m.contentSid ? `template ${m.contentSid} ${m.contentVariables ?? ""}`.trim() : ""),
      outcome: `accepted ${m.sid}`,
      accepted: true,
      callbacks: twilio.callbacks
        .filter((c) => c.sid === m.sid)
        .map((c) => ({
          at: c.sentAt,
          status: c.params.MessageStatus ?? "",
          answer: c.responseStatus !== undefined ? `HTTP ${c.responseStatus}` : (c.error ?? "no answer yet"),
        })),
    })),
    ...twilio.rejected.map((r): OutboxEntry => ({
      at: r.receivedAt,
      provider: "Twilio",
      channel: twilioChannel(r.draft.to),
      to: r.draft.to,
      from: r.draft.from ?? r.draft.messagingServiceSid,
      subject: null,
      body: r.draft.body ?? "",
      outcome: `refused ${r.failure.code}${r.failure.message ? `: ${r.failure.message}` : ""}`,
      accepted: false,
      callbacks: [],
    })),
    ...sendgrid.mails.map((m): OutboxEntry => ({
      at: m.receivedAt,
      provider: "SendGrid",
      channel: "Email",
      ...mailParts(m.body),
      outcome: `accepted ${m.messageId}`,
      accepted: true,
      callbacks: [],
    })),
    ...sendgrid.rejected.map((r): OutboxEntry => ({
      at: r.receivedAt,
      provider: "SendGrid",
      channel: "Email",
      ...mailParts(typeof r.body === "object" ? (r.body as SendGridMailBody) : undefined),
      outcome: `refused HTTP ${r.status}: ${r.errors.map((e) => e.message).join("; ")}`,
      accepted: false,
      callbacks: [],
    })),
    ...meta.messages.map((m): OutboxEntry => {
      const parts = metaParts(m.body);
      return {
        at: m.receivedAt,
        provider: "Meta",
        channel: metaChannelOf(m.messageId) ?? "Messenger or Instagram",
        to: parts.to,
        from: `page ${m.pageId}`,
        subject: null,
        body: parts.body,
        outcome: `accepted ${m.messageId}${parts.tag ? ` (tag ${parts.tag})` : ""}`,
        accepted: true,
        callbacks: [],
      };
    }),
    ...meta.rejected.map((r): OutboxEntry => {
      const parts = metaParts(r.body);
      return {
        at: r.receivedAt,
        provider: "Meta",
        channel: "Messenger or Instagram",
        to: parts.to,
        from: `page ${r.pageId}`,
        subject: null,
        body: parts.body,
        outcome: `refused ${r.error.code}: ${r.error.message ?? ""}`.trim(),
        accepted: false,
        callbacks: [],
      };
    }),
  ];
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime());
}
