// The settings each kind of flow shows in its editor, in the merchant's words.
export interface SettingsField {
  key: string;
  label: string;
  help: string;
  /** "number" (default): a whole number; "checkbox": 1 when ticked, 0 when not. */
  type?: "number" | "checkbox";
  min?: number;
  max?: number;
}

export const SETTINGS_FIELDS: Record<string, SettingsField[]> = {
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
  WELCOME_SERIES: [
    {
      key: "signupWithinDays",
      label: "New subscribers from the last (days)",
      help: "Customers who subscribed to marketing this recently get the welcome series; earlier subscribers do not.",
      max: 60,
    },
  ],
  BROWSE_ABANDONMENT: [
    {
      key: "browseLookbackHours",
      label: "Product views from the last (hours)",
      help: "A view older than this starts nothing.",
      max: 168,
    },
    {
      key: "browseCooldownDays",
      label: "At most one browse reminder every (days)",
      help: "A customer who got one waits this long before the next.",
      min: 0,
      max: 90,
    },
  ],
  CROSS_SELL: [
    {
      key: "deliveredWithinDays",
      label: "Orders delivered in the last (days)",
      help: "Deliveries older than this when the flow is switched on get no cross-sell.",
      max: 60,
    },
  ],
  REPLENISHMENT: [
    {
      key: "replenishmentLeadDays",
      label: "Days before the product runs out",
      help: "The reminder goes this many days before the customer's typical reorder date.",
      min: 0,
      max: 60,
    },
  ],
  WIN_BACK: [
    {
      key: "lapsedDays",
      label: "No order for (days)",
      help: "Customers whose last order is this old enter the win-back.",
      min: 7,
      max: 730,
    },
    {
      key: "winBackAtRisk",
      label: "Also customers Shopify rates at risk",
      help: "RFM groups At risk and Almost lost, if they have not ordered in the last 30 days.",
      type: "checkbox",
    },
    {
      key: "winBackCooldownDays",
      label: "At most one win-back every (days)",
      help: "A customer who got one waits this long before the next.",
      min: 0,
      max: 730,
    },
  ],
};

export function settingsFieldsFor(kind: string) {
  return SETTINGS_FIELDS[kind] ?? [];
}
