// The Knowledge page's list: filters (search, status, language, tag) as GET parameters, so a
// view can be bookmarked, and the articles with status, language, tags, source and last change.
import { Form, Link as RemixLink, useSearchParams, useSubmit } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  IndexTable,
  InlineStack,
  Pagination,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { EmptyStateCard } from "../EmptyStateCard";
import { formatDateTime, type ShopFormat } from "../format";
import type { KnowledgeLocale as Locale } from "../../knowledge/contracts";
import { LOCALE_NAMES } from "../../knowledge/limits";
import { SOURCE_LABELS } from "./knowledge-labels";

interface ArticleRow {
  id: string;
  title: string;
  status: string;
  locale: string;
  tags: string[];
  source: string;
  updatedAt: string;
}

export function ArticleStatusBadge({ status }: { status: string }) {
  return status === "PUBLISHED" ? <Badge tone="success">Published</Badge> : <Badge>Draft</Badge>;
}

export function KnowledgeList({
  articles,
  total,
  shopTotal,
  page,
  pageCount,
  tags,
  filters,
  format,
}: {
  articles: ArticleRow[];
  total: number;
  shopTotal: number;
  page: number;
  pageCount: number;
  tags: string[];
  filters: { q: string; status: string; locale: string; tag: string };
  format: Pick<ShopFormat, "timeZone" | "locale">;
}) {
  const submit = useSubmit();
  const [params] = useSearchParams();
  const [q, setQ] = useState(filters.q);

  if (shopTotal === 0) {
    return (
      <EmptyStateCard
        heading="No knowledge articles yet"
        action={{ content: "New article", url: "/app/knowledge/new" }}
        secondaryAction={{ content: "Import a file", url: "#knowledge-import" }}
      >
        <p>
          Write the questions customers ask and your answers, or import them from a CSV, Markdown or text file.
          Published articles are what Threadline may answer with on its own.
        </p>
      </EmptyStateCard>
    );
  }

  const change = (name: string) => (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete("page");
    submit(next, { method: "get" });
  };
  const goToPage = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    submit(next, { method: "get" });
  };

  return (
    <Card padding="0">
      <Box padding="300">
        <Form method="get">
          <input type="hidden" name="status" value={filters.status} />
          <input type="hidden" name="locale" value={filters.locale} />
          <input type="hidden" name="tag" value={filters.tag} />
          <InlineStack gap="200" blockAlign="end" wrap>
            <div style={{ flex: "1 1 220px" }}>
              <TextField
                label="Search articles"
                name="q"
                value={q}
                onChange={setQ}
                autoComplete="off"
                placeholder="Words in the question or answer"
              />
            </div>
            <Select
              label="Status"
              options={[
                { label: "Any status", value: "" },
                { label: "Published", value: "PUBLISHED" },
                { label: "Draft", value: "DRAFT" },
              ]}
              value={filters.status}
              onChange={change("status")}
            />
            <Select
              label="Language"
              options={[
                { label: "Any language", value: "" },
                ...(Object.keys(LOCALE_NAMES) as Locale[]).map((l) => ({ label: LOCALE_NAMES[l], value: l })),
              ]}
              value={filters.locale}
              onChange={change("locale")}
            />
            <Select
              label="Tag"
              options={[{ label: "Any tag", value: "" }, ...tags.map((t) => ({ label: t, value: t }))]}
              value={filters.tag}
              onChange={change("tag")}
            />
            <Button submit>Search</Button>
          </InlineStack>
        </Form>
      </Box>
      {articles.length === 0 ? (
        <Box padding="400">
          <Text as="p" tone="subdued">
            No articles match these filters.
          </Text>
        </Box>
      ) : (
        <IndexTable
          resourceName={{ singular: "article", plural: "articles" }}
          itemCount={articles.length}
          selectable={false}
          headings={[
            { title: "Question or title" },
            { title: "Status" },
            { title: "Language" },
            { title: "Tags" },
            { title: "Source" },
            { title: "Updated" },
          ]}
        >
          {articles.map((a, index) => (
            <IndexTable.Row id={a.id} key={a.id} position={index}>
              <IndexTable.Cell>
                <Box maxWidth="42ch">
                  <RemixLink to={`/app/knowledge/${a.id}`} data-primary-link="">
                    <Text as="span" fontWeight="semibold" truncate>
                      {a.title}
                    </Text>
                  </RemixLink>
                </Box>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <ArticleStatusBadge status={a.status} />
              </IndexTable.Cell>
              <IndexTable.Cell>{LOCALE_NAMES[a.locale as Locale] ?? a.locale}</IndexTable.Cell>
              <IndexTable.Cell>
                <InlineStack gap="100">
                  {a.tags.slice(0, 4).map((t) => (
                    <Badge key={t}>{t}</Badge>
                  ))}
                  {a.tags.length > 4 ? <Text as="span" tone="subdued">{`+${a.tags.length - 4}`}</Text> : null}
                </InlineStack>
              </IndexTable.Cell>
              <IndexTable.Cell>{SOURCE_LABELS[a.source] ?? a.source}</IndexTable.Cell>
              <IndexTable.Cell>{formatDateTime(a.updatedAt, format)}</IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      )}
      <Box padding="300" borderBlockStartWidth="025" borderColor="border">
        <BlockStack inlineAlign="center" gap="200">
          <Text as="p" tone="subdued">
            {`${total.toLocaleString("en-US")} ${total === 1 ? "article" : "articles"}`}
          </Text>
          {pageCount > 1 ? (
            <Pagination
              hasPrevious={page > 1}
              onPrevious={() => goToPage(page - 1)}
              hasNext={page < pageCount}
              onNext={() => goToPage(page + 1)}
              label={`Page ${page} of ${pageCount}`}
            />
          ) : null}
        </BlockStack>
      </Box>
    </Card>
  );
}
