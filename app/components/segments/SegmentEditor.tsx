// The segment builder: name, conditions (match all / any), an optional Shopify segment query, the
// live count with sample members (POST /app/segments/preview, debounced, as the definition changes),
// then Save (POST /app/segments/<id|new> intent=save: the rebuild job starts and its progress shows
// here), Refresh now and Delete (asked once more in the page).
import { useEffect, useState } from "react";
import { useFetcher, useNavigate, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Layout, Spinner, Text, TextField } from "@shopify/polaris";
import { MAX_SHOPIFY_QUERY } from "../../segments/definition";
import type { PreviewResult, SaveResult, SegmentView } from "../../segments/segments.server";
import { formatDateTime, formatNumber, type ShopFormat } from "../format";
import { ConditionBuilder } from "./ConditionBuilder";
import { definitionOf, type ConditionDraft, type SegmentDraft } from "./conditions";
import { SegmentPreview } from "./SegmentPreview";

/** Quiet time after the last edit before the count is asked for. */
const PREVIEW_DEBOUNCE_MS = 400;

function draftOf(segment: SegmentView | null): SegmentDraft {
  return {
    name: segment?.name ?? "",
    definition: {
      match: segment?.definition.match ?? "all",
      conditions: (segment?.definition.conditions ?? []) as ConditionDraft[],
    },
    shopifyQuery: segment?.shopifyQuery ?? "",
  };
}

function RefreshStatus({ segment, format }: { segment: SegmentView; format: ShopFormat }) {
  if (segment.refreshState === "REFRESHING")
    return (
      <Banner tone="info" title="Refreshing members">
        <InlineStack gap="200" blockAlign="center">
          <Spinner size="small" accessibilityLabel="Refreshing members" />
          <Text as="span">The member list is being rebuilt; this page updates when it is done.</Text>
        </InlineStack>
      </Banner>
    );
  if (segment.refreshState === "FAILED")
    return (
      <Banner tone="critical" title="The last refresh failed">
        <Text as="p">{segment.refreshError ?? "Unknown error"}</Text>
      </Banner>
    );
  return (
    <Banner tone="success" title={`${formatNumber(segment.memberCount, format.locale)} members`}>
      <Text as="p">
        {segment.refreshedAt
          ? `Refreshed ${formatDateTime(segment.refreshedAt, format)}; orders and consent changes keep it current.`
          : "Not refreshed yet."}
      </Text>
    </Banner>
  );
}

export function SegmentEditor({ segment, format }: { segment: SegmentView | null; format: ShopFormat }) {
  const [draft, setDraft] = useState<SegmentDraft>(() => draftOf(segment));
  const [confirmDelete, setConfirmDelete] = useState(false);
  const preview = useFetcher<PreviewResult>();
  const save = useFetcher<SaveResult | { ok: true }>();
  const navigate = useNavigate();
  const revalidator = useRevalidator();
  const path = `/app/segments/${segment?.id ?? "new"}`;

  // The live count: re-asked a moment after the definition or the Shopify query last changed.
  const previewBody = JSON.stringify({ definition: definitionOf(draft), shopifyQuery: draft.shopifyQuery });
  useEffect(() => {
    const timer = window.setTimeout(() => {
      preview.submit(previewBody, { method: "post", action: "/app/segments/preview", encType: "application/json" });
    }, PREVIEW_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the fetcher's identity changes every render
  }, [previewBody]);

  const saved = save.state === "idle" ? save.data : undefined;
  const [lastIntent, setLastIntent] = useState<string | null>(null);
  useEffect(() => {
    if (!saved?.ok) return;
    if (lastIntent === "delete") navigate("/app/segments");
    else if ("id" in saved && !segment) navigate(`/app/segments/${saved.id}`);
    else revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- navigate once per answer
  }, [saved]);
  const submit = (intent: string, fields: Record<string, string> = {}) => {
    setLastIntent(intent);
    save.submit({ intent, ...fields }, { method: "post", action: path });
  };
  const error = saved && !saved.ok ? saved : undefined;

  return (
    <Layout>
      <Layout.Section>
        <BlockStack gap="400">
          {segment ? <RefreshStatus segment={segment} format={format} /> : null}
          <Card>
            <TextField
              label="Segment name"
              value={draft.name}
              onChange={(name) => setDraft({ ...draft, name })}
              autoComplete="off"
              maxLength={100}
              error={error?.field === "name" ? error.error : undefined}
            />
          </Card>
          <Card>
            <ConditionBuilder
              match={draft.definition.match}
              conditions={draft.definition.conditions}
              onChange={(definition) => setDraft({ ...draft, definition })}
            />
          </Card>
          <Card>
            <TextField
              label="Shopify segment query (optional)"
              helpText="Shopify's segment query language, e.g. number_of_orders >= 2 AND customer_countries CONTAINS 'US'. Members must be in Shopify's segment and meet the conditions above."
              value={draft.shopifyQuery}
              onChange={(shopifyQuery) => setDraft({ ...draft, shopifyQuery })}
              autoComplete="off"
              multiline={2}
              maxLength={MAX_SHOPIFY_QUERY}
              error={error?.field === "shopifyQuery" ? error.error : undefined}
            />
          </Card>
          {error && error.field !== "name" && error.field !== "shopifyQuery" ? (
            <Banner tone="critical">{error.error}</Banner>
          ) : null}
          <InlineStack gap="200">
            <Button
              variant="primary"
              loading={save.state !== "idle" && lastIntent === "save"}
              onClick={() =>
                submit("save", {
                  segment: JSON.stringify({ ...draft, definition: definitionOf(draft) }),
                })
              }
            >
              Save segment
            </Button>
            {segment ? (
              <Button
                loading={save.state !== "idle" && lastIntent === "refresh"}
                disabled={segment.refreshState === "REFRESHING"}
                onClick={() => submit("refresh")}
              >
                Refresh now
              </Button>
            ) : null}
            {segment && !confirmDelete ? (
              <Button tone="critical" variant="secondary" onClick={() => setConfirmDelete(true)}>
                Delete segment
              </Button>
            ) : null}
            {segment && confirmDelete ? (
              <>
                <Button tone="critical" variant="primary" onClick={() => submit("delete")}>
                  Yes, delete this segment
                </Button>
                <Button onClick={() => setConfirmDelete(false)}>Keep it</Button>
              </>
            ) : null}
          </InlineStack>
        </BlockStack>
      </Layout.Section>
      <Layout.Section variant="oneThird">
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              Live count
            </Text>
            <SegmentPreview result={preview.data} loading={preview.state !== "idle"} format={format} />
          </BlockStack>
        </Card>
      </Layout.Section>
    </Layout>
  );
}
