// /app/campaigns/<id | new>: while the campaign can change, the editor, the preview, the test send and
// the review step; once it has started, its progress (refreshed every few seconds while it is
// scheduled or sending) and its results.
import { useEffect, useMemo, useState } from "react";
import { useFetcher, useNavigate, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { usePolling } from "../use-polling";
import type { ShopFormat } from "../format";
import type { CampaignPageData } from "../../campaigns/editor/page.server";
import type { CampaignDraftInput, FieldErrors } from "../../campaigns/editor/draft";
import { AudienceEstimateCard } from "./AudienceEstimateCard";
import { CampaignEditor } from "./CampaignEditor";
import { CampaignStatusBadge } from "./CampaignStatusBadge";
import { PreviewCard } from "./PreviewCard";
import { ProgressCard, type ProgressView } from "./ProgressCard";
import { ResultsCard } from "./ResultsCard";
import { TestSendCard } from "./TestSendCard";

type SaveAnswer = { ok: true; id: string } | { ok: false; error: string; fieldErrors?: FieldErrors };

/** Refreshes progress while something is moving. */
function LivePolling({ intervalMs }: { intervalMs: number }) {
  usePolling(useRevalidator(), intervalMs);
  return null;
}

export function CampaignPage({ page, format }: { page: CampaignPageData; format: ShopFormat }) {
  const navigate = useNavigate();
  const save = useFetcher<SaveAnswer>();
  const [draft, setDraft] = useState<CampaignDraftInput>(page.draft);
  const saved = useMemo(() => JSON.stringify(page.draft), [page.draft]);
  const dirty = JSON.stringify(draft) !== saved;
  const action = `/app/campaigns/${page.id ?? "new"}`;

  // A new campaign's first save moves to its own address; a later save reloads the estimate.
  useEffect(() => {
    const data = save.data;
    if (save.state === "idle" && data?.ok && !page.id) navigate(`/app/campaigns/${data.id}`, { replace: true });
  }, [save.state, save.data, page.id, navigate]);
  // After a save the loader's draft (normalised) is the truth again. Keyed on its text, not the
  // object: the refresh while scheduled reloads the same draft every few seconds and must not wipe edits.
  useEffect(() => setDraft(JSON.parse(saved) as CampaignDraftInput), [saved]);

  const errors: FieldErrors = save.data && !save.data.ok ? (save.data.fieldErrors ?? {}) : {};
  const moving = page.status === "SENDING" || page.status === "SCHEDULED";
  const title = page.id ? page.draft.name || "Campaign" : "New campaign";
  return (
    <Page
      title={title}
      titleMetadata={<CampaignStatusBadge status={page.status} />}
      backAction={{ content: "Campaigns", url: "/app/campaigns" }}
      primaryAction={
        page.editable
          ? {
              content: page.status === "SCHEDULED" ? "Save (unschedules)" : "Save draft",
              loading: save.state !== "idle",
              disabled: page.id !== null && !dirty,
              onAction: () =>
                save.submit({ intent: "save", campaign: JSON.stringify(draft) }, { method: "post", action }),
            }
          : undefined
      }
    >
      {moving ? <LivePolling intervalMs={3000} /> : null}
      <Layout>
        {save.data && !save.data.ok ? (
          <Layout.Section>
            <Banner tone="critical" title="The campaign was not saved">
              {save.data.error}
            </Banner>
          </Layout.Section>
        ) : null}
        {page.status === "SCHEDULED" ? (
          <Layout.Section>
            <Banner tone="info">
              Editing a scheduled campaign takes it back to a draft: save, review the audience and schedule it again.
            </Banner>
          </Layout.Section>
        ) : null}
        {page.editable ? (
          <>
            <Layout.Section>
              <BlockStack gap="400">
                <CampaignEditor
                  draft={draft}
                  onChange={setDraft}
                  errors={errors}
                  segments={page.segments}
                  connected={page.connected}
                  timeZone={format.timeZone}
                />
                {page.id && page.status === "DRAFT" ? (
                  <AudienceEstimateCard
                    estimate={page.estimate}
                    sendAt={page.sendAt}
                    dirty={dirty}
                    action={action}
                    format={format}
                  />
                ) : null}
              </BlockStack>
            </Layout.Section>
            <Layout.Section variant="oneThird">
              <BlockStack gap="400">
                {page.status === "SCHEDULED" ? (
                  <ProgressCard
                    progress={page.progress as ProgressView | null}
                    status={page.status}
                    sendAt={page.sendAt}
                    action={action}
                    format={format}
                  />
                ) : null}
                <PreviewCard draft={draft} action={action} />
                {page.id ? (
                  <TestSendCard
                    variants={page.draft.content.variants.map((v) => v.key)}
                    channels={page.draft.channels}
                    action={action}
                    dirty={dirty}
                  />
                ) : null}
              </BlockStack>
            </Layout.Section>
          </>
        ) : (
          <>
            <Layout.Section>
              <ProgressCard
                progress={page.progress as ProgressView | null}
                status={page.status}
                sendAt={page.sendAt}
                action={action}
                format={format}
              />
            </Layout.Section>
            {page.results ? (
              <Layout.Section>
                <ResultsCard results={page.results} format={format} />
              </Layout.Section>
            ) : null}
          </>
        )}
      </Layout>
    </Page>
  );
}
