import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ArticleEditor } from "../components/knowledge/ArticleEditor";
import { pageTitle } from "../components/page-title";
import { RouteErrorPage } from "../components/RouteErrorPage";
import { deleteArticle, requireArticle, saveArticle, setArticleStatus } from "../knowledge/articles.server";
import { defaultKnowledgeLocale } from "../knowledge/limits";
import { requireAdmin } from "../shopify/admin-context.server";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const article = parsed.data.id === "new" ? null : await requireArticle(shop.id, parsed.data.id);
  return json({
    article: article
      ? {
          id: article.id,
          title: article.title,
          answer: article.answer,
          tags: article.tags,
          locale: article.locale,
          status: article.status,
          source: article.source,
          sourceRef: article.sourceRef,
        }
      : null,
    defaultLocale: defaultKnowledgeLocale(shop.primaryLocale),
  });
};

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.article?.title ?? "New article", "Knowledge");

const saveSchema = z.object({
  title: z.string().default(""),
  answer: z.string().default(""),
  tags: z.string().default(""),
  locale: z.string().default("en"),
  status: z.enum(["DRAFT", "PUBLISHED"]).catch("DRAFT"),
});

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const id = parsed.data.id === "new" ? null : parsed.data.id;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "save");
  if (intent === "delete" || intent === "publish" || intent === "unpublish") {
    if (!id) throw new Response("Not found", { status: 404 });
    if (intent === "delete") {
      await deleteArticle(shop.id, id);
      return redirect("/app/knowledge");
    }
    await setArticleStatus(shop.id, id, intent === "publish" ? "PUBLISHED" : "DRAFT");
    return json({ ok: true as const, problems: {} });
  }
  const input = saveSchema.parse(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")));
  const result = await saveArticle(shop.id, id, { ...input, tags: input.tags.split(",") });
  if (!result.ok) return json({ ok: false as const, problems: result.problems }, { status: 400 });
  return redirect(`/app/knowledge/${result.id}?saved=1`);
};

export default function KnowledgeArticlePage() {
  const { article, defaultLocale } = useLoaderData<typeof loader>();
  return <ArticleEditor key={article?.id ?? "new"} article={article} defaultLocale={defaultLocale} />;
}

export function ErrorBoundary() {
  return (
    <RouteErrorPage
      backUrl="/app/knowledge"
      backLabel="Knowledge"
      notFoundText="This article does not exist in your shop."
    />
  );
}
