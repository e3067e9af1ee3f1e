// The settings each kind of flow shows in its editor, in the merchant's words.
import type { FlowSettings } from "../../flow-runs/flow-config.server";

export const SETTINGS_FIELDS: Record<string, Array<{ key: keyof FlowSettings; label: string; help: string }>> = {
  CART_RECOVERY: [
    {
      key: "maxAgeDays",
      label: "Maximum checkout age (days)",
      help: "Checkouts older than this get no reminder.",
    },
    {
      key: "attributionWindowDays",
      label: "Attribution window (days)",
      help: "Orders placed this long after a reminder count as recovered.",
    },
  ],
  REVIEW_REQUEST: [
    {
      key: "reviewDelayDays",
      label: "Days after delivery",
      help: "When the review request is sent after the order is delivered.",
    },
    {
      key: "reviewDelayDaysWithoutDelivery",
      label: "Days after fulfillment, when no delivery is reported",
      help: "For carriers that never report delivery.",
    },
  ],
};

export function settingsFieldsFor(kind: string) {
  return SETTINGS_FIELDS[kind] ?? [];
}
