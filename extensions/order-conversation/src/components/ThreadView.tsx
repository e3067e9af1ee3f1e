/** @jsxImportSource preact */
// The loaded thread, pure: the customer, the flow messages sent for this order (order pages only),
// their latest messages on every channel, and the reply box. Without a known customer it says so
// and offers nothing to reply to.
import type { BlockI18n } from "../i18n";
import type { ExtensionThread, ReplyInput, ReplyResult, Suggestion } from "../thread";
import { CustomerHeader, customerDisplayName } from "./CustomerHeader";
import { ActivityList } from "./ActivityList";
import { MessageList } from "./MessageList";
import { ReplyBox } from "./ReplyBox";

export function ThreadView(props: {
  thread: ExtensionThread;
  i18n: BlockI18n;
  onSend: (input: ReplyInput) => Promise<ReplyResult>;
  onDismiss?: (suggestion: Suggestion) => void;
}) {
  const { thread, i18n } = props;
  if (!thread.customer) {
    return (
      <s-stack gap="small-200">
        <s-heading>{i18n.translate("empty.heading")}</s-heading>
        <s-paragraph>{i18n.translate("empty.body")}</s-paragraph>
      </s-stack>
    );
  }
  const customerName = customerDisplayName(thread.customer, i18n);
  return (
    <s-stack gap="base">
      <CustomerHeader customer={thread.customer} conversation={thread.conversation} i18n={i18n} />
      {thread.flowMessages.length > 0 ? (
        <MessageList
          heading={i18n.translate("flow.heading")}
          messages={thread.flowMessages}
          customerName={customerName}
          i18n={i18n}
        />
      ) : null}
      <MessageList
        heading={i18n.translate("messages.heading")}
        messages={thread.messages}
        emptyText={i18n.translate("messages.empty")}
        customerName={customerName}
        i18n={i18n}
      />
      <ActivityList activity={thread.activity ?? []} i18n={i18n} />
      {thread.reply ? (
        <ReplyBox
          reply={thread.reply}
          savedReplies={thread.savedReplies}
          suggestions={thread.suggestions}
          i18n={i18n}
          onSend={props.onSend}
          onDismiss={props.onDismiss}
        />
      ) : null}
    </s-stack>
  );
}
