// The flow editor's working copy of a flow's steps, as the merchant edits them before saving.
import { EDITABLE_CHANNELS, splitDelay, type DelayUnit, type EditableChannel } from "../components/flow-format";

export interface TemplateState {
  channel: EditableChannel;
  locale: string;
  subject: string;
  body: string;
  whatsappContentSid: string;
}

export interface StepState {
  key: string;
  delayValue: string;
  delayUnit: DelayUnit;
  /** All editable channels in preference order, each on or off. */
  channels: Array<{ channel: EditableChannel; on: boolean }>;
  templates: TemplateState[];
}

export interface SavedStep {
  delayMinutes: number;
  channels: string[];
  templates: Array<{
    channel: string;
    locale: string;
    subject: string | null;
    body: string;
    whatsappContentSid: string | null;
  }>;
}

let keySeq = 0;
const nextKey = () => `step-${++keySeq}`;

const isEditable = (c: string): c is EditableChannel => (EDITABLE_CHANNELS as readonly string[]).includes(c);

export function stepsFromSaved(steps: SavedStep[]): StepState[] {
  return steps.map((s) => {
    const delay = splitDelay(s.delayMinutes);
    const on = s.channels.filter(isEditable);
    return {
      key: nextKey(),
      delayValue: String(delay.value),
      delayUnit: delay.unit,
      channels: [
        ...on.map((channel) => ({ channel, on: true })),
        ...EDITABLE_CHANNELS.filter((c) => !on.includes(c)).map((channel) => ({ channel, on: false })),
      ],
      templates: s.templates
        .filter((t) => isEditable(t.channel))
        .map((t) => ({
          channel: t.channel as EditableChannel,
          locale: t.locale,
          subject: t.subject ?? "",
          body: t.body,
          whatsappContentSid: t.whatsappContentSid ?? "",
        })),
    };
  });
}

/** A new step starts as a copy of the last one's channels and templates, a day later. */
export function newStepAfter(last: StepState | undefined): StepState {
  return {
    key: nextKey(),
    delayValue: "1",
    delayUnit: "days",
    channels: last ? last.channels.map((c) => ({ ...c })) : EDITABLE_CHANNELS.map((channel) => ({ channel, on: true })),
    templates: last ? last.templates.map((t) => ({ ...t })) : [],
  };
}

/** Swaps item `index` with its neighbour `by` places away; the same list when that falls outside. */
export function swapAt<T>(all: T[], index: number, by: number): T[] {
  const target = index + by;
  if (target < 0 || target >= all.length) return all;
  const copy = [...all];
  [copy[index], copy[target]] = [copy[target], copy[index]];
  return copy;
}

/** Normalises what the merchant typed as a language code; null when it is not one. */
export function normalizeLocaleCode(input: string): string | null {
  const code = input.trim().replace(/_/g, "-").toLowerCase();
  return /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(code) ? code : null;
}

/** The template language to show: the merchant's choice, else the customer's, the shop's, English, the first. */
export function chooseTemplateLocale(
  locales: string[],
  chosen: string | null,
  customerLocale: string | null,
  primaryLocale: string,
): string | null {
  const preferred = [customerLocale?.toLowerCase(), customerLocale?.toLowerCase().split("-")[0], primaryLocale, "en"];
  return (
    (chosen && locales.includes(chosen) ? chosen : null) ??
    preferred.find((l) => l && locales.includes(l)) ??
    locales[0] ??
    null
  );
}
