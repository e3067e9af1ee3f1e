// Save and preview errors in the merchant's words: where (step, channel, language) and what.
import type { FlowSaveError } from "../../flows/update-flow.server";
import { channelLabel } from "../StatusBadges";
import type { PreviewData } from "./page-data";

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
      return `${field}:`;
  }
}

export function errorText(e: FlowSaveError): string {
  return e.line ? `${e.message} (line ${e.line}${e.column ? `, column ${e.column}` : ""})` : e.message;
}

export function previewErrorText(result: Extract<PreviewData, { ok: false }>): string {
  const { line, column, message } = result.error as { message: string; line?: number; column?: number };
  return `Liquid error: ${message}${line ? ` (line ${line}${column ? `, column ${column}` : ""})` : ""}`;
}
