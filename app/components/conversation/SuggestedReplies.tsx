// Suggested replies under the composer: up to three drafts for the message staff have not answered
// yet, loaded with a fetcher from /app/inbox/<id>/suggestions (the page's loader never waits for
// retrieval). Insert hands the text to the composer for editing: nothing is ever sent from here.
// The area sits below the send button and renders nothing until there is something to show, so
// the message box and the button never move when suggestions arrive or go.
import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import { useEffect, useState, type CSSProperties } from "react";
import type { SuggestionView } from "../../suggestions/contracts";
import type { loader as suggestionsLoader } from "../../routes/app.inbox.$id.suggestions";

const clamp = (lines: number): CSSProperties => ({
  display: "-webkit-box",
  WebkitLineClamp: lines,
  WebkitBoxOrient: "vertical",
  overflow: "hidden",
  whiteSpace: "pre-line",
});
// Buttons at the foot of every card, so a row of cards of different lengths lines them up.
const CARD: CSSProperties = {
  display: "flex",
  flexDirection: "column",
  justifyContent: "space-between",
  height: "100%",
  gap: 8,
};

const KIND_LABEL: Record<SuggestionView["kind"], string> = { article: "From your FAQ", order_status: "Order status" };

export function SuggestedReplies(props: { conversationId: string; onInsert: (suggestion: SuggestionView) => void }) {
  const { conversationId, onInsert } = props;
  const path = `/app/inbox/${conversationId}/suggestions`;
  const list = useFetcher<typeof suggestionsLoader>();
  const dismiss = useFetcher();
  const [hidden, setHidden] = useState<string[]>([]);
  // Loaded once per conversation; Remix reloads it after every action and each poll of the page.
  useEffect(() => {
    list.load(path);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path]);

  const suggestions = (list.data?.suggestions ?? []).filter((s) => !hidden.includes(s.id));
  if (suggestions.length === 0) return null;
  return (
    <section aria-label="Suggested replies">
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm">
          Suggested replies
        </Text>
        <InlineGrid columns={{ xs: 1, md: 3 }} gap="200">
          {suggestions.map((s, index) => {
            const name = s.title ? `“${s.title}”` : KIND_LABEL[s.kind].toLowerCase();
            return (
              <Box key={s.id} padding="300" borderWidth="025" borderColor="border" borderRadius="200" minHeight="100%">
                <div style={CARD}>
                  <BlockStack gap="150">
                    <InlineStack>
                      <Badge tone={s.kind === "order_status" ? "info" : undefined}>{KIND_LABEL[s.kind]}</Badge>
                    </InlineStack>
                    {s.title ? (
                      <Text as="p" variant="bodySm" fontWeight="semibold">
                        <span style={clamp(2)}>{s.title}</span>
                      </Text>
                    ) : null}
                    <Text as="p" variant="bodySm" tone="subdued">
                      <span style={clamp(3)}>{s.text}</span>
                    </Text>
                  </BlockStack>
                  <InlineStack gap="200">
                    <Button
                      size="slim"
                      accessibilityLabel={`Insert suggested reply ${index + 1}, ${name}, into the message`}
                      onClick={() => onInsert(s)}
                    >
                      Insert
                    </Button>
                    <Button
                      size="slim"
                      variant="tertiary"
                      accessibilityLabel={`Dismiss suggested reply ${index + 1}, ${name}`}
                      onClick={() => {
                        setHidden((ids) => [...ids, s.id]);
                        dismiss.submit({ intent: "dismiss", suggestionId: s.id }, { method: "post", action: path });
                      }}
                    >
                      Dismiss
                    </Button>
                  </InlineStack>
                </div>
              </Box>
            );
          })}
        </InlineGrid>
      </BlockStack>
    </section>
  );
}
