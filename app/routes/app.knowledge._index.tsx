import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import { z } from "zod";
import { autoAnswerCardData } from "../answers/save-settings.server";
import { AutoAnswerSettingsCard } from "../components/answers/AutoAnswerSettingsCard";
import { shopFormatOf } from "../components/format";
import { BrandVoiceCard } from "../components/knowledge/BrandVoiceCard";
import { ImportCard } from "../components/knowledge/ImportCard";
import { KnowledgeList } from "../components/knowledge/KnowledgeList";
import { TryItCard } from "../components/knowledge/TryItCard";
import { pageTitle } from "../components/page-title";
import { listArticles, listArticleTags } from "../knowledge/articles.server";
import { loadBrandVoice } from "../knowledge/brand-voice.server";
import { defaultKnowledgeLocale } from "../knowledge/limits";
import { requireAdmin } from "../shopify/admin-context.server";

export const meta: MetaFunction = () => pageTitle("Knowledge");

const querySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(["DRAFT", "PUBLISHED"]).optional().catch(undefined),
  locale: z.enum(["en", "es", "fr"]).optional().catch(undefined),
  tag: z.string().trim().max(60).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const filters = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [list, tags, brandVoice, autoAnswers] = await Promise.all([
    listArticles(shop.id, filters),
    listArticleTags(shop.id),
    loadBrandVoice(shop.id),
    autoAnswerCardData(shop.id),
  ]);
  return json({
    ...list,
    tags,
    filters: { q: filters.q ?? "", status: filters.status ?? "", locale: filters.locale ?? "", tag: filters.tag ?? "" },
    brandVoice,
    autoAnswers,
    defaultLocale: defaultKnowledgeLocale(shop.primaryLocale),
    format: shopFormatOf(shop),
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
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <TryItCard />
          <AutoAnswerSettingsCard data={data.autoAnswers} />
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <ImportCard defaultLocale={data.defaultLocale} />
          <BrandVoiceCard voice={data.brandVoice} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
