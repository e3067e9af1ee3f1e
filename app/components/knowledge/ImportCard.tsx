// Import a CSV, Markdown or text file. The answer lists every problem by row (nothing is imported
// then) or says how many articles were imported; the list above refreshes on its own.
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, Checkbox, List, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import type { KnowledgeLocale } from "../../knowledge/contracts";
import { LOCALE_NAMES, MAX_IMPORT_ROWS } from "../../knowledge/limits";
import type { ImportAnswer } from "../../routes/app.knowledge.import";

const ACCEPT = ".csv,.md,.markdown,.txt";

function importedText(answer: Extract<ImportAnswer, { ok: true }>): string {
  const noun = answer.total === 1 ? "article" : "articles";
  const detail = answer.updated > 0 ? ` (${answer.created} new, ${answer.updated} updated)` : "";
  return `Imported ${answer.total} ${noun}${detail}.`;
}

export function ImportCard({ defaultLocale }: { defaultLocale: KnowledgeLocale }) {
  const fetcher = useFetcher<ImportAnswer>();
  const [asDrafts, setAsDrafts] = useState(false);
  const [locale, setLocale] = useState<string>(defaultLocale);
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  const busy = fetcher.state !== "idle";

  return (
    <div id="knowledge-import">
      <Card>
        <fetcher.Form method="post" action="/app/knowledge/import" encType="multipart/form-data">
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              Import
            </Text>
            <Text as="p" tone="subdued">
              {`A CSV with the columns question,answer,tags,locale (tags separated by “|”), or a Markdown or text file split at its headings. Up to ${MAX_IMPORT_ROWS.toLocaleString("en-US")} articles and 5 MB per file.`}
            </Text>
            <label htmlFor="knowledge-import-file">
              <Text as="span">File</Text>
            </label>
            <input id="knowledge-import-file" type="file" name="file" accept={ACCEPT} required />
            <Select
              label="Language when the file does not say"
              name="locale"
              options={(Object.keys(LOCALE_NAMES) as KnowledgeLocale[]).map((l) => ({
                label: LOCALE_NAMES[l],
                value: l,
              }))}
              value={locale}
              onChange={setLocale}
            />
            <Checkbox label="Import as drafts" checked={asDrafts} onChange={setAsDrafts} />
            {asDrafts ? <input type="hidden" name="asDrafts" value="on" /> : null}
            <Box>
              <Button submit loading={busy}>
                Import
              </Button>
            </Box>
            {busy ? (
              <Text as="p" tone="subdued">
                Importing…
              </Text>
            ) : null}
            {answer?.ok ? (
              <Banner tone="success" title={importedText(answer)}>
                <Text as="p">{asDrafts ? "They are drafts until you publish them." : "They are published."}</Text>
              </Banner>
            ) : null}
            {answer && !answer.ok ? (
              <Banner tone="critical" title={answer.message}>
                {answer.errors.length > 0 ? (
                  <div data-testid="knowledge-import-errors">
                    <List type="bullet">
                      {answer.errors.map((e) => (
                        <List.Item key={e}>{e}</List.Item>
                      ))}
                    </List>
                    {answer.moreErrors ? <Text as="p">{`…and ${answer.moreErrors} more.`}</Text> : null}
                  </div>
                ) : null}
              </Banner>
            ) : null}
          </BlockStack>
        </fetcher.Form>
      </Card>
    </div>
  );
}
