/** @jsxImportSource preact */
// Who the thread belongs to, how their conversation stands, and a way into the full inbox page.
import type { BlockI18n } from "../i18n";
import type { ExtensionThread } from "../thread";

type Customer = NonNullable<ExtensionThread["customer"]>;

const CONVERSATION_TONES: Record<string, "info" | "success" | "warning" | "neutral"> = {
  OPEN: "info",
  PENDING: "warning",
  SNOOZED: "neutral",
  RESOLVED: "success",
};

export function customerDisplayName(customer: Customer, i18n: BlockI18n): string {
  return customer.name ?? customer.email ?? customer.phone ?? i18n.translate("customer.unnamed");
}

export function CustomerHeader(props: {
  customer: Customer;
  conversation: ExtensionThread["conversation"];
  i18n: BlockI18n;
}) {
  const { customer, conversation, i18n } = props;
  const contact = [customer.email, customer.phone].filter(Boolean).join(" · ");
  return (
    <s-stack gap="small-200">
      <s-stack direction="inline" gap="small-200" alignItems="center">
        <s-heading>{customerDisplayName(customer, i18n)}</s-heading>
        {conversation ? (
          <s-badge tone={CONVERSATION_TONES[conversation.status] ?? "neutral"}>
            {i18n.translate(`conversation.${conversation.status}`)}
          </s-badge>
        ) : (
          <s-badge>{i18n.translate("customer.noConversation")}</s-badge>
        )}
        {conversation && conversation.unreadCount > 0 ? (
          <s-badge tone="warning">{i18n.translate("conversation.unread", { count: conversation.unreadCount })}</s-badge>
        ) : null}
      </s-stack>
      {contact ? <s-text color="subdued">{contact}</s-text> : null}
      <s-stack direction="inline" gap="small-200" alignItems="center">
        <s-text color="subdued">{i18n.translate("customer.orders", { count: customer.ordersCount })}</s-text>
        {conversation ? (
          // app: links open a path of the app's own embedded pages.
          <s-link href={`app:${conversation.appPath}`}>{i18n.translate("customer.openInbox")}</s-link>
        ) : null}
      </s-stack>
    </s-stack>
  );
}
