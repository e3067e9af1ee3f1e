// Home: the latest Shopify import (with progress while it runs), headline counts, failed
// webhooks to retry, and links to the admin's pages. Data and buttons:
// app/admin-queries/home-page.server.ts; cards: app/components/home/.
import { useEffect } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useRevalidator, useSubmit } from "@remix-run/react";
import { Banner, Layout, Page, Text } from "@shopify/polaris";
import { homePageData, runHomeAction } from "../admin-queries/home-page.server";
import { EmptyStateCard } from "../components/EmptyStateCard";
import { FailedWebhooksBanner, RetriedWebhooksBanner } from "../components/FailedWebhooksBanner";
import { BackfillCard } from "../components/home/BackfillCard";
import { GoToCard } from "../components/home/GoToCard";
import { SummaryTiles } from "../components/home/SummaryTiles";
import { pageTitle } from "../components/page-title";
import { requireAdmin } from "../shopify/admin-context.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return json(await homePageData(shop));
};

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle("Home", data?.shop.name);

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const { body, status } = await runHomeAction(shop, Object.fromEntries(await request.formData()));
  return json(body, { status });
};

const REFRESH_MS = 2000;

export default function Home() {
  const { shop, backfill, summary, failedWebhooks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const revalidator = useRevalidator();
  const active = backfill?.status === "QUEUED" || backfill?.status === "RUNNING";
  const submitting = navigation.state !== "idle" && navigation.formMethod?.toUpperCase() === "POST";
  const submittingIntent = submitting ? navigation.formData?.get("intent") : null;

  // While an import is queued or running, reload the data every two seconds.
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle" && document.visibilityState === "visible") revalidator.revalidate();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, revalidator]);

  const startImport = () => submit({ intent: "import" }, { method: "post" });
  const retryWebhooks = () => submit({ intent: "retry-webhooks" }, { method: "post" });

  return (
    <Page title={shop.name} subtitle={shop.domain}>
      <Layout>
        {failedWebhooks.total > 0 ? (
          <Layout.Section>
            <FailedWebhooksBanner
              total={failedWebhooks.total}
              recent={failedWebhooks.recent}
              format={shop.format}
              retrying={submittingIntent === "retry-webhooks"}
              onRetry={retryWebhooks}
            />
          </Layout.Section>
        ) : null}
        {actionData?.ok && "retried" in actionData && actionData.retried > 0 ? (
          <Layout.Section>
            <RetriedWebhooksBanner count={actionData.retried} format={shop.format} />
          </Layout.Section>
        ) : null}
        {actionData && !actionData.ok ? (
          <Layout.Section>
            <Banner tone="critical" title="Import not started">
              <Text as="p">{actionData.error}</Text>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          {backfill ? (
            <BackfillCard backfill={backfill} format={shop.format} busy={active || submitting} onImport={startImport} />
          ) : (
            <EmptyStateCard
              heading="Import your Shopify data"
              action={{ content: "Import from Shopify", onAction: startImport, loading: submitting }}
            >
              <p>
                No import has run for this shop yet. Importing brings your customers, their orders and open checkouts
                into Threadline so every conversation shows the customer&apos;s history.
              </p>
            </EmptyStateCard>
          )}
        </Layout.Section>
        <Layout.Section>
          <SummaryTiles summary={summary} />
        </Layout.Section>
        <Layout.Section>
          <GoToCard />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
