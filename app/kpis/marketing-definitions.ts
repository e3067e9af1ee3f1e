// The exact definition of every marketing KPI, shown beside the figure on the Analytics page and
// copied into the README ("### Marketing KPIs and attribution"). One place, so the page, the README
// and the SQL in marketing.server.ts / marketing-sql.server.ts cannot drift apart.
import type { AttributionSettings } from "../attribution/settings";

export type MarketingKpiKey =
  | "sent"
  | "delivered"
  | "opened"
  | "clicked"
  | "recipients"
  | "orders"
  | "revenue"
  | "revenuePerRecipient"
  | "cartRecovery"
  | "repeatPurchase"
  | "store";

export function attributionRule(w: AttributionSettings): string {
  return (
    `An order (not cancelled, with a customer) is credited to the one flow or campaign message to that customer with the latest ` +
    `touch before it: for an email, its first open or first click within ${w.openClickDays} days before the order; ` +
    `for SMS, WhatsApp and every other channel, its delivery within ${w.smsDeliveryHours} hours before the order. ` +
    `A message sent after the order never counts. Computed when the page is shown, so a change of the windows ` +
    `applies to every period.`
  );
}

export function marketingDefinitions(
  w: AttributionSettings,
): Record<MarketingKpiKey, { label: string; definition: string }> {
  return {
    sent: {
      label: "Sent",
      definition:
        "Flow and campaign messages the provider accepted (sent time) in the period. Messages never accepted, staff replies and notes are not counted.",
    },
    delivered: {
      label: "Delivered",
      definition:
        "Of the messages sent in the period, those the provider reported delivered (a read, open or click also proves delivery).",
    },
    opened: {
      label: "Opened",
      definition:
        "Of the messages sent in the period, those with a recorded open: an email's open or click (a click proves the open when images were blocked), a WhatsApp or Messenger read receipt. SMS reports no opens.",
    },
    clicked: {
      label: "Clicked",
      definition: "Of the messages sent in the period, the emails with a recorded click on a link.",
    },
    recipients: {
      label: "Recipients",
      definition: "Distinct customers sent at least one of the messages in the period.",
    },
    orders: {
      label: "Attributed orders",
      definition: `Orders placed in the period credited to the flow or campaign. ${attributionRule(w)}`,
    },
    revenue: {
      label: "Attributed revenue",
      definition: "The total price of the attributed orders, in the shop's currency.",
    },
    revenuePerRecipient: {
      label: "Revenue per recipient",
      definition: "Attributed revenue divided by recipients (the distinct customers sent a message in the period).",
    },
    cartRecovery: {
      label: "Cart recovery rate",
      definition:
        "Of the checkouts abandoned in the period (no order an hour after the shopper's last activity), the share completed since as an order that was not cancelled. \"After a message\": those whose order the cart-recovery flow credited to one of its messages when the order arrived (sent within the flow's own window).",
    },
    repeatPurchase: {
      label: "Repeat-purchase rate",
      definition:
        "Among customers with at least one order (not cancelled) placed in the period: the share with at least two such orders placed before the period's end (earlier orders count). Messaged: sent at least one marketing message (of a marketing flow such as cart recovery or review request, or of any campaign) in the period; not messaged: the others.",
    },
    store: {
      label: "Store",
      definition:
        "Orders placed in the period (cancelled ones apart) and their total; checkout events recorded on customer timelines in the period (started, abandoned, completed).",
    },
  };
}
