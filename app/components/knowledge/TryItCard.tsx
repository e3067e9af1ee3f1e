// "Try it": the merchant types a customer message and sees what Threadline would do with it,
// through the same decideAnswer as real messages. Everything is shown as plain text.
import { Link as RemixLink, useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { AnswerDecision, CitedArticle } from "../../knowledge/contracts";
import { LOCALE_NAMES } from "../../knowledge/limits";
import { DECISION_LABELS, percent } from "./knowledge-labels";

type TryAnswer = { ok: true; decision: AnswerDecision; orderQuestion?: string | null } | { ok: false; error: string };

function ArticleLink({ article }: { article: CitedArticle }) {
  return (
    <RemixLink to={`/app/knowledge/${article.articleId}`} data-testid="try-it-article">
      {article.title}
    </RemixLink>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <BlockStack gap="050">
      <Text as="span" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <div style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{children}</div>
    </BlockStack>
  );
}

function DecisionView({ decision, orderQuestion }: { decision: AnswerDecision; orderQuestion?: string | null }) {
  return (
    <div data-testid="try-it-result">
      <BlockStack gap="300">
        <Row label="Decision">
          <Text as="span" fontWeight="semibold">
            {DECISION_LABELS[decision.kind]}
          </Text>
        </Row>
        {decision.kind === "answer" ? (
          <>
            <Row label="Answer">
              <Text as="span">{decision.text}</Text>
            </Row>
            <Row label="Article used">
              <ArticleLink article={decision.article} />
            </Row>
            <Row label="Confidence">
              <Text as="span">{percent(decision.confidence)}</Text>
            </Row>
          </>
        ) : null}
        {decision.kind === "order_tracking" ? (
          <>
            <Row label="Why">
              <Text as="span">
                The customer asks where their order is: Threadline reads the order live from Shopify instead of
                answering from an article. A customer their channel identifies hears about their latest order; anyone
                else is first asked for the order details, and hears nothing until they match.
              </Text>
            </Row>
            {orderQuestion ? (
              <Row label="Question for a customer Threadline does not know">
                <Text as="span">
                  <span data-testid="try-it-order-question">{orderQuestion}</span>
                </Text>
              </Row>
            ) : null}
            <Row label="Confidence">
              <Text as="span">{percent(decision.confidence)}</Text>
            </Row>
          </>
        ) : null}
        {decision.kind === "handoff" ? (
          <>
            <Row label="Why">
              <Text as="span">{decision.explanation}</Text>
            </Row>
            {decision.nearest ? (
              <Row label="Closest article">
                <InlineStack gap="100">
                  <ArticleLink article={decision.nearest} />
                  <Text as="span" tone="subdued">{`(confidence ${percent(decision.nearest.confidence)})`}</Text>
                </InlineStack>
              </Row>
            ) : null}
          </>
        ) : null}
        <Row label="Language">
          <Text as="span">{LOCALE_NAMES[decision.locale]}</Text>
        </Row>
      </BlockStack>
    </div>
  );
}

export function TryItCard() {
  const fetcher = useFetcher<TryAnswer>();
  const [text, setText] = useState("");
  const [locale, setLocale] = useState("");
  const answer = fetcher.data;
  return (
    <Card>
      <fetcher.Form method="post" action="/app/knowledge/try">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Try it
          </Text>
          <TextField
            label="Customer message"
            name="text"
            value={text}
            onChange={setText}
            multiline={3}
            autoComplete="off"
            maxLength={2000}
            placeholder="How long does shipping take?"
          />
          <Select
            label="Customer's language"
            name="locale"
            options={[
              { label: "Detect from the message", value: "" },
              { label: "English", value: "en" },
              { label: "Spanish", value: "es" },
              { label: "French", value: "fr" },
            ]}
            value={locale}
            onChange={setLocale}
          />
          <Box>
            <Button submit loading={fetcher.state !== "idle"} disabled={!text.trim()}>
              Try it
            </Button>
          </Box>
          {answer && !answer.ok ? (
            <Banner tone="critical">
              <Text as="p">{answer.error}</Text>
            </Banner>
          ) : null}
          {answer?.ok ? <DecisionView decision={answer.decision} orderQuestion={answer.orderQuestion} /> : null}
          <Text as="p" variant="bodySm" tone="subdued">
            Nothing is sent: this shows what an automatic answer would be.
          </Text>
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}
