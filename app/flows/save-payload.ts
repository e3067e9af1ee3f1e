// The editor's save request: one form field, `payload`, holding the flow as JSON.
import { toMinutes } from "../components/flow-format";
import type { StepState } from "./editor-state";

export function toSavePayload(settings: Record<string, unknown>, steps: StepState[]) {
  return {
    settings: Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, v])),
    steps: steps.map((s) => ({
      delayMinutes: toMinutes(Number(s.delayValue) || 0, s.delayUnit),
      channels: s.channels.filter((c) => c.on).map((c) => c.channel),
      templates: s.templates.map((t) => ({
        channel: t.channel,
        locale: t.locale,
        subject: t.channel === "EMAIL" ? t.subject : null,
        body: t.body,
        whatsappContentSid: t.channel === "WHATSAPP" ? t.whatsappContentSid : null,
      })),
    })),
  };
}

/** Unreadable JSON becomes an empty object, so the save answers with validation errors rather than a 500. */
export function parseSavePayload(text: string | null): unknown {
  if (text === null) return {};
  try {
    return JSON.parse(text) ?? {};
  } catch {
    return {};
  }
}
