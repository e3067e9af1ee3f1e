// Suggested articles on the Knowledge page: the banner that counts the drafts waiting for approval,
// and the "Suggested" view where each can be approved (published), edited or dismissed (deleted).
// Questions and answers came from customers and staff: shown as React text, never as HTML.
import { Form, Link as RemixLink } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { KnowledgeLocale } from "../../knowledge/contracts";
import { LOCALE_NAMES } from "../../knowledge/limits";
import { formatDateTime, type ShopFormat } from "../format";

export const SUGGESTED_VIEW_URL = "/app/knowledge?source=SUGGESTED&status=DRAFT";

export function suggestedCountText(count: number): string {
  return count === 1
    ? "1 suggested article waits for your approval"
    : `${count.toLocaleString("en-US")} suggested articles wait for your approval`;
}

export function SuggestedBanner({ count, inView }: { count: number; inView: boolean }) {
  if (count === 0) return null;
  return (
    <div data-testid="suggested-banner">
      <Banner
        tone="info"
        title={suggestedCountText(count)}
        action={inView ? undefined : { content: "Review them", url: SUGGESTED_VIEW_URL }}
        secondaryAction={inView ? { content: "Show all articles", url: "/app/knowledge" } : undefined}
      >
        <p>
          Written from questions your team answered in resolved conversations, with personal details taken out.
          Threadline never uses one until you approve it.
        </p>
      </Banner>
    </div>
  );
}

interface Suggestion {
  id: string;
  title: string;
  answer: string;
  locale: string;
  sourceRef: string | null;
  createdAt: string;
}

function conversationIdOf(sourceRef: string | null): string | null {
  return /^conversation:([^:]+):/.exec(sourceRef ?? "")?.[1] ?? null;
}

export function SuggestedList({
  suggestions,
  format,
}: {
  suggestions: Suggestion[];
  format: Pick<ShopFormat, "timeZone" | "locale">;
}) {
  if (suggestions.length === 0) {
    return (
      <Card>
        <Text as="p" tone="subdued">
          No suggested articles wait for approval. Threadline suggests one when your team answers a question the
          knowledge base could not, and the conversation is resolved.
        </Text>
      </Card>
    );
  }
  return (
    <BlockStack gap="300">
      {suggestions.map((s) => {
        const conversationId = conversationIdOf(s.sourceRef);
        return (
          <Card key={s.id}>
            <div data-testid="suggested-article">
              <BlockStack gap="200">
                <Text as="h3" variant="headingSm">
                  {s.title}
                </Text>
                <Box>
                  <div style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                    <Text as="p">{s.answer}</Text>
                  </div>
                </Box>
                <Text as="p" tone="subdued" variant="bodySm">
                  {`${LOCALE_NAMES[s.locale as KnowledgeLocale] ?? s.locale} · suggested ${formatDateTime(s.createdAt, format)}`}
                  {conversationId ? (
                    <>
                      {" · "}
                      <RemixLink to={`/app/inbox/${conversationId}`}>From this conversation</RemixLink>
                    </>
                  ) : null}
                </Text>
                <InlineStack gap="200">
                  <Form method="post" action={`/app/knowledge/${s.id}/approve`}>
                    <Button submit variant="primary">
                      Approve
                    </Button>
                  </Form>
                  <Button url={`/app/knowledge/${s.id}`}>Edit</Button>
                  <Form method="post" action={`/app/knowledge/${s.id}/dismiss`}>
                    <Button submit tone="critical">
                      Dismiss
                    </Button>
                  </Form>
                </InlineStack>
              </BlockStack>
            </div>
          </Card>
        );
      })}
    </BlockStack>
  );
}
