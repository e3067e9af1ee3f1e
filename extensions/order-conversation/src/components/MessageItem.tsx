/** @jsxImportSource preact */
// One message as the block shows it: who, channel, delivery status, when, and the text. Bodies are
// customer-written: they go in as text children, never as markup.
import type { BlockI18n } from "../i18n";
import { deliveryTone } from "../status";
import type { ExtensionMessage } from "../thread";

function authorOf(message: ExtensionMessage, customerName: string | null, i18n: BlockI18n): string {
  switch (message.author) {
    case "CUSTOMER":
      // An email whose sender is unverified is not shown as the customer's.
      if (message.senderNote) return i18n.translate("author.UNVERIFIED");
      return customerName ?? i18n.translate("author.CUSTOMER");
    case "STAFF":
      return message.authorName ?? i18n.translate("author.STAFF");
    case "FLOW":
      return message.flowName ?? i18n.translate("author.FLOW");
    default:
      return i18n.translate("author.SYSTEM");
  }
}

export function MessageItem(props: { message: ExtensionMessage; customerName: string | null; i18n: BlockI18n }) {
  const { message, i18n } = props;
  const when = i18n.formatDate(new Date(message.createdAt), { dateStyle: "medium", timeStyle: "short" });
  return (
    <s-stack gap="small-300">
      <s-stack direction="inline" gap="small-200" alignItems="center">
        <s-text type="strong">{authorOf(message, props.customerName, i18n)}</s-text>
        <s-badge>{i18n.translate(`channel.${message.channel}`)}</s-badge>
        {message.internal ? (
          <s-badge tone="warning">{i18n.translate("message.internal")}</s-badge>
        ) : (
          <s-badge tone={deliveryTone(message.deliveryStatus)}>
            {i18n.translate(`status.${message.deliveryStatus}`)}
          </s-badge>
        )}
        <s-text color="subdued">{when}</s-text>
      </s-stack>
      {message.senderNote ? <s-text tone="critical">{message.senderNote}</s-text> : null}
      {message.subject ? <s-text type="strong">{message.subject}</s-text> : null}
      <s-paragraph>{message.body}</s-paragraph>
      {message.errorMessage ? <s-text tone="critical">{message.errorMessage}</s-text> : null}
    </s-stack>
  );
}
