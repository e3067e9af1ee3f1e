// Save and preview errors in the merchant's words: where (step, channel, language) and what.
import type { FlowSaveError } from "../../flows/update-flow.server";
import { channelLabel } from "../StatusBadges";
import type { PreviewData } from "./page-data";
import { SETTINGS_FIELDS } from "./settings-fields";

const SETTINGS_FIELDS_BY_KEY = new Map(
  Object.values(SETTINGS_FIELDS)
    .flat()
    .map((f) => [f.key, f.label]),
);

export function describeError(e: FlowSaveError): string {
  const where = [
    e.step !== undefined ? `Step ${e.step + 1}` : null,
    e.channel ? channelLabel(e.channel) : null,
    e.locale ? e.locale : null,
  ]
    .filter(Boolean)
    .join(" · ");
  const at = e.line ? ` (line ${e.line}${e.column ? `, column ${e.column}` : ""})` : "";
  return `${where ? `${where}: ` : ""}${fieldLabel(e.field)} ${e.message}${at}`;
}

function fieldLabel(field: string): string {
  switch (field) {
    case "body":
      return "message:";
    case "subject":
      return "subject:";
    case "whatsappContentSid":
      return "WhatsApp template SID:";
    case "locale":
      return "language:";
    case "delayMinutes":
      return "delay:";
    case "channels":
      return "channels:";
    case "templates":
      return "";
    default:
      return settingLabel(field) ?? `${field}:`;
  }
}

/** Words for the flow's settings fields ("settings.countries.1" → "Countries (2nd):"), from the editor's labels. */
const SETTING_LABELS: Record<string, string> = {
  promotionName: "Promotion name",
  countries: "Countries",
  regions: "Regions",
  near: "Distance",
  "near.latitude": "Latitude",
  "near.longitude": "Longitude",
  "near.radiusKm": "Radius (km)",
  segmentId: "Segment",
  discountPercent: "Discount (%)",
  discountValidDays: "Code valid for (days)",
};

function settingLabel(field: string): string | null {
  const match = /^settings\.(.+)$/.exec(field);
  if (!match) return null;
  const path = match[1];
  const listItem = /^(countries|regions)\.(\d+)$/.exec(path);
  if (listItem) return `${SETTING_LABELS[listItem[1]]} (entry ${Number(listItem[2]) + 1}):`;
  const numeric = SETTINGS_FIELDS_BY_KEY.get(path);
  return `${SETTING_LABELS[path] ?? numeric ?? path}:`;
}

export function errorText(e: FlowSaveError): string {
  return e.line ? `${e.message} (line ${e.line}${e.column ? `, column ${e.column}` : ""})` : e.message;
}

export function previewErrorText(result: Extract<PreviewData, { ok: false }>): string {
  const { line, column, message } = result.error as { message: string; line?: number; column?: number };
  return `Liquid error: ${message}${line ? ` (line ${line}${column ? `, column ${column}` : ""})` : ""}`;
}
