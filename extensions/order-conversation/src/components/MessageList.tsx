/** @jsxImportSource preact */
// A heading and messages, newest first. The admin caps a block's height, so only the first few show
// until staff ask for the rest.
import { Fragment } from "preact";
import { useState } from "preact/hooks";
import type { BlockI18n } from "../i18n";
import type { ExtensionMessage } from "../thread";
import { MessageItem } from "./MessageItem";

export const FIRST_SHOWN = 5;

export function MessageList(props: {
  heading: string;
  messages: ExtensionMessage[];
  emptyText?: string;
  customerName: string | null;
  i18n: BlockI18n;
}) {
  const [showAll, setShowAll] = useState(false);
  const { messages, i18n } = props;
  const shown = showAll ? messages : messages.slice(0, FIRST_SHOWN);
  const hidden = messages.length - shown.length;
  return (
    <s-stack gap="small-200">
      <s-heading>{props.heading}</s-heading>
      {messages.length === 0 && props.emptyText ? <s-text color="subdued">{props.emptyText}</s-text> : null}
      {shown.map((message, index) => (
        <Fragment key={message.id}>
          {index > 0 ? <s-divider /> : null}
          <MessageItem message={message} customerName={props.customerName} i18n={i18n} />
        </Fragment>
      ))}
      {hidden > 0 ? (
        <s-button variant="tertiary" onClick={() => setShowAll(true)}>
          {i18n.translate("messages.showMore", { count: hidden })}
        </s-button>
      ) : null}
    </s-stack>
  );
}
