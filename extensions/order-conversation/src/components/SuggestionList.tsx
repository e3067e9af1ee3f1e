/** @jsxImportSource preact */
// Suggested replies above the reply box: up to three drafts from the shop's FAQ and the customer's
// order. Insert puts the text into the box for editing; nothing is sent until staff press Send.
// Drafts are text children, never markup.
import type { BlockI18n } from "../i18n";
import type { Suggestion } from "../thread";

export function SuggestionList(props: {
  suggestions: Suggestion[];
  i18n: BlockI18n;
  onInsert: (suggestion: Suggestion) => void;
  onDismiss: (suggestion: Suggestion) => void;
}) {
  const { suggestions, i18n } = props;
  if (suggestions.length === 0) return null;
  return (
    <s-stack gap="small-200">
      <s-text type="strong">{i18n.translate("suggestions.heading")}</s-text>
      {suggestions.map((s, index) => (
        <s-stack key={s.id} gap="small-300" padding="small-200" border="base" borderRadius="base">
          <s-stack direction="inline" gap="small-200" alignItems="center">
            <s-badge tone={s.kind === "order_status" ? "info" : "neutral"}>
              {i18n.translate(`suggestions.${s.kind}`)}
            </s-badge>
            {s.title ? <s-text type="strong">{s.title}</s-text> : null}
          </s-stack>
          <s-text>{s.text}</s-text>
          <s-stack direction="inline" gap="small-200">
            <s-button
              accessibilityLabel={i18n.translate("suggestions.insertLabel", { index: index + 1 })}
              onClick={() => props.onInsert(s)}
            >
              {i18n.translate("suggestions.insert")}
            </s-button>
            <s-button
              variant="tertiary"
              accessibilityLabel={i18n.translate("suggestions.dismissLabel", { index: index + 1 })}
              onClick={() => props.onDismiss(s)}
            >
              {i18n.translate("suggestions.dismiss")}
            </s-button>
          </s-stack>
        </s-stack>
      ))}
    </s-stack>
  );
}
