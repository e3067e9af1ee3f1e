import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import { z } from "zod";
import { autoAnswerCardData } from "../answers/save-settings.server";
import { AutoAnswerSettingsCard } from "../components/answers/AutoAnswerSettingsCard";
import { HandoffSettingsCard } from "../components/answers/HandoffSettingsCard";
import { LanguageModelCard } from "../components/answers/LanguageModelCard";
import { handoffCardData } from "../knowledge/save-answer-settings.server";
import { languageModelCardData } from "../llm/settings-card.server";
import { shopFormatOf } from "../components/format";
import { BrandVoiceCard } from "../components/knowledge/BrandVoiceCard";
import { ImportCard } from "../components/knowledge/ImportCard";
import { KnowledgeList } from "../components/knowledge/KnowledgeList";
import { TryItCard } from "../components/knowledge/TryItCard";
import { pageTitle } from "../components/page-title";
import { countSuggestedDrafts, listArticles, listArticleTags, listSuggestedDrafts } from "../knowledge/articles.server";
import { policiesStatus } from "../knowledge/shop-policies.server";
import { PoliciesCard } from "../components/knowledge/PoliciesCard";
import { SuggestedBanner, SuggestedList } from "../components/knowledge/SuggestedArticles";
import { loadBrandVoice } from "../knowledge/brand-voice.server";
import { defaultKnowledgeLocale } from "../knowledge/limits";
import { requireAdmin } from "../shopify/admin-context.server";
import { SuggestionStatsCard } from "../components/knowledge/SuggestionStatsCard";
import { suggestionStats } from "../suggestions/stats.server";

export const meta: MetaFunction = () => pageTitle("Knowledge");

const querySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(["DRAFT", "PUBLISHED"]).optional().catch(undefined),
  locale: z.enum(["en", "es", "fr"]).optional().catch(undefined),
  tag: z.string().trim().max(60).optional().catch(undefined),
  source: z.enum(["SUGGESTED"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const filters = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [list, tags, brandVoice, autoAnswers, suggestedCount, suggestions, policies] = await Promise.all([
    listArticles(shop.id, filters),
    listArticleTags(shop.id),
    loadBrandVoice(shop.id),
    autoAnswerCardData(shop.id),
    countSuggestedDrafts(shop.id),
    filters.source === "SUGGESTED" ? listSuggestedDrafts(shop.id) : Promise.resolve([]),
    policiesStatus(shop.id),
  ]);
  return json({
    ...list,
    tags,
    filters: { q: filters.q ?? "", status: filters.status ?? "", locale: filters.locale ?? "", tag: filters.tag ?? "" },
    brandVoice,
    autoAnswers,
    suggestedCount,
    suggestions,
    suggestedView: filters.source === "SUGGESTED",
    policies,
    defaultLocale: defaultKnowledgeLocale(shop.primaryLocale),
    format: shopFormatOf(shop),
    replySuggestions: await suggestionStats(shop.id),
    languageModel: await languageModelCardData(shop.id),
    handoff: await handoffCardData(shop.id),
  });
};

export default function KnowledgePage() {
  const data = useLoaderData<typeof loader>();
  return (
    <Page
      title="Knowledge"
      subtitle="The answers Threadline may give customers on its own, and how it says them"
      primaryAction={{ content: "New article", url: "/app/knowledge/new" }}
    >
      <Layout>
        <Layout.Section>
          <SuggestedBanner count={data.suggestedCount} inView={data.suggestedView} />
        </Layout.Section>
        <Layout.Section>
          {data.suggestedView ? (
            <SuggestedList suggestions={data.suggestions} format={data.format} />
          ) : (
            <KnowledgeList
              articles={data.articles}
              total={data.total}
              shopTotal={data.shopTotal}
              page={data.page}
              pageCount={data.pageCount}
              tags={data.tags}
              filters={data.filters}
              format={data.format}
            />
          )}
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <TryItCard />
          <AutoAnswerSettingsCard data={data.autoAnswers} />
          <HandoffSettingsCard data={data.handoff} />
          <SuggestionStatsCard stats={data.replySuggestions} />
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <PoliciesCard syncedAt={data.policies.syncedAt} count={data.policies.count} format={data.format} />
          <ImportCard defaultLocale={data.defaultLocale} />
          <BrandVoiceCard voice={data.brandVoice} />
          <LanguageModelCard data={data.languageModel} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
