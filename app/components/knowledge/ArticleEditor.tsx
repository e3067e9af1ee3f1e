// The article editor: question or title, answer, tags, language, draft or published. Errors are
// the same sentences the importers use ("Answer is empty").
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { sentence, type ArticleProblems } from "../../knowledge/article-input";
import type { KnowledgeLocale } from "../../knowledge/contracts";
import { LOCALE_NAMES, MAX_ARTICLE_ANSWER, MAX_ARTICLE_TAGS, MAX_ARTICLE_TITLE } from "../../knowledge/limits";
import { ArticleStatusBadge } from "./KnowledgeList";
import { SOURCE_LABELS } from "./knowledge-labels";

interface EditableArticle {
  id: string;
  title: string;
  answer: string;
  tags: string[];
  locale: string;
  status: string;
  source: string;
  sourceRef: string | null;
}

type ActionAnswer = { ok: boolean; problems: ArticleProblems } | undefined;

export function ArticleEditor({
  article,
  defaultLocale,
}: {
  article: EditableArticle | null;
  defaultLocale: KnowledgeLocale;
}) {
  const actionData = useActionData() as ActionAnswer;
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const [title, setTitle] = useState(article?.title ?? "");
  const [answer, setAnswer] = useState(article?.answer ?? "");
  const [tags, setTags] = useState((article?.tags ?? []).join(", "));
  const [locale, setLocale] = useState<string>(article?.locale ?? defaultLocale);
  const [status, setStatus] = useState<string>(article?.status ?? "PUBLISHED");
  const [confirmDelete, setConfirmDelete] = useState(false);
  const problems = actionData && !actionData.ok ? actionData.problems : {};
  const error = (field: keyof ArticleProblems) => (problems[field] ? sentence(problems[field]!) : undefined);
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === "save";
  const saved =
    navigation.state === "idle" && ((params.get("saved") === "1" && !actionData) || actionData?.ok === true);
  // A shop policy is Shopify's text, read again every day: only its status is the merchant's here.
  const readOnly = article?.source === "SHOP_POLICY";

  return (
    <Page
      title={article ? article.title : "New article"}
      titleMetadata={article ? <ArticleStatusBadge status={article.status} /> : undefined}
      backAction={{ content: "Knowledge", url: "/app/knowledge" }}
    >
      <Layout>
        <Layout.Section>
          {saved ? (
            <div style={{ marginBottom: 16 }}>
              <Banner tone="success" title="Article saved." />
            </div>
          ) : null}
          {readOnly && article ? (
            <div style={{ marginBottom: 16 }} data-testid="policy-read-only">
              <Banner tone="info" title={`This article is your shop's ${article.title}, read from Shopify`}>
                <p>
                  Edit it in Shopify admin → Settings → Policies: Threadline reads it again every day, so a change made
                  here would be overwritten. You can still choose whether automatic answers use it.
                </p>
              </Banner>
            </div>
          ) : null}
          <Card>
            <Form method="post">
              <input
                type="hidden"
                name="intent"
                value={readOnly ? (status === "PUBLISHED" ? "publish" : "unpublish") : "save"}
              />
              <BlockStack gap="300">
                <TextField
                  label="Question or title"
                  name="title"
                  value={title}
                  onChange={setTitle}
                  autoComplete="off"
                  maxLength={MAX_ARTICLE_TITLE}
                  readOnly={readOnly}
                  error={error("title")}
                  helpText="How customers ask it: “How long does shipping take?”"
                />
                <TextField
                  label="Answer"
                  name="answer"
                  value={answer}
                  onChange={setAnswer}
                  multiline={8}
                  autoComplete="off"
                  maxLength={MAX_ARTICLE_ANSWER}
                  readOnly={readOnly}
                  error={error("answer")}
                  helpText="Sent as written (with your brand voice's greeting and sign-off). Lines starting with ## split a long answer into sections."
                />
                <TextField
                  label="Tags"
                  name="tags"
                  value={tags}
                  onChange={setTags}
                  autoComplete="off"
                  readOnly={readOnly}
                  error={error("tags")}
                  helpText={`Separated by commas, up to ${MAX_ARTICLE_TAGS}.`}
                />
                <InlineStack gap="300">
                  <Select
                    label="Language"
                    name="locale"
                    options={(Object.keys(LOCALE_NAMES) as KnowledgeLocale[]).map((l) => ({
                      label: LOCALE_NAMES[l],
                      value: l,
                    }))}
                    value={locale}
                    onChange={setLocale}
                    disabled={readOnly}
                    error={error("locale")}
                  />
                  <Select
                    label="Status"
                    name="status"
                    options={[
                      { label: "Published: may be used in answers", value: "PUBLISHED" },
                      { label: "Draft: not used yet", value: "DRAFT" },
                    ]}
                    value={status}
                    onChange={setStatus}
                  />
                </InlineStack>
                <InlineStack align="space-between">
                  {article && !readOnly ? (
                    <Button tone="critical" variant="plain" onClick={() => setConfirmDelete(true)}>
                      Delete
                    </Button>
                  ) : (
                    <span />
                  )}
                  <Button submit variant="primary" loading={saving}>
                    {readOnly ? "Save status" : "Save"}
                  </Button>
                </InlineStack>
              </BlockStack>
            </Form>
            {confirmDelete && article ? (
              <div style={{ marginTop: 12 }}>
                <Banner tone="critical" title={`Delete “${article.title}”?`}>
                  <Form method="post">
                    <input type="hidden" name="intent" value="delete" />
                    <BlockStack gap="200">
                      <Text as="p">Automatic answers stop using it at once. This cannot be undone.</Text>
                      <InlineStack gap="200">
                        <Button submit tone="critical" variant="primary">
                          Delete article
                        </Button>
                        <Button onClick={() => setConfirmDelete(false)}>Cancel</Button>
                      </InlineStack>
                    </BlockStack>
                  </Form>
                </Banner>
              </div>
            ) : null}
          </Card>
        </Layout.Section>
        {article ? (
          <Layout.Section variant="oneThird">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Source
                </Text>
                <InlineStack gap="100">
                  <Badge>{SOURCE_LABELS[article.source] ?? article.source}</Badge>
                </InlineStack>
                {article.sourceRef ? (
                  <Text as="p" tone="subdued" breakWord>
                    {article.sourceRef}
                  </Text>
                ) : null}
                {article.source === "CSV" || article.source === "DOCUMENT" ? (
                  <Text as="p" tone="subdued">
                    Importing the same file again replaces what you change here.
                  </Text>
                ) : null}
                {article.source === "SUGGESTED" && article.status === "DRAFT" ? (
                  <Text as="p" tone="subdued">
                    Suggested from a resolved conversation. Check it, edit it if needed, and publish it to approve it.
                  </Text>
                ) : null}
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
