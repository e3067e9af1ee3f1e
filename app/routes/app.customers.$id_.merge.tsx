// /app/customers/:id/merge: merge another customer into this one. Staff search for
// the other customer (name, email, phone), see both side by side with the consent
// that will result (the most restrictive choice wins), and confirm. The merge can
// be undone from the customer page. ($id_ keeps this page out of the customer
// page's layout, which has no outlet.) Data and the merge itself:
// app/customers/merge/merge-page.server.ts; cards: app/components/customer-merge/.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, Layout, Link, Page, Text } from "@shopify/polaris";
import { MergePreview } from "../components/customer-merge/MergePreview";
import { MergeSearchCard } from "../components/customer-merge/MergeSearchCard";
import { useMergeSearch } from "../components/customer-merge/use-merge-search";
import { pageTitle } from "../components/page-title";
import { RouteErrorPage } from "../components/RouteErrorPage";
import { mergePageData, runMerge } from "../customers/merge/merge-page.server";
import { requireAdmin } from "../shopify/admin-context.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return json(await mergePageData(shop.id, params, new URL(request.url).searchParams));
};

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.customer.name ? `Merge into ${data.customer.name}` : undefined, "Customers");

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, staff } = await requireAdmin(request);
  const result = await runMerge(shop.id, params, Object.fromEntries(await request.formData()), staff);
  return "redirectTo" in result ? redirect(result.redirectTo) : json(result.body, { status: result.status });
};

export default function MergeCustomerPage() {
  const { customer, q, results, preview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { query, onQueryChange, previewUrl } = useMergeSearch(customer.id, q);
  const merging = navigation.state === "submitting";

  return (
    <Page
      title={`Merge into ${customer.name}`}
      subtitle="The other customer's conversations, orders, carts, identities and consent move to this customer"
      backAction={{ content: customer.name, url: `/app/customers/${customer.id}` }}
    >
      <Layout>
        {customer.mergedIntoId ? (
          <Layout.Section>
            <Banner tone="warning" title="This customer was merged into another one">
              <Text as="p">
                Merge into <Link url={`/app/customers/${customer.mergedIntoId}`}>the surviving customer</Link> instead.
              </Text>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <MergeSearchCard
            query={query}
            onQueryChange={onQueryChange}
            q={q}
            results={results}
            previewUrl={previewUrl}
          />
        </Layout.Section>
        {actionData && "error" in actionData ? (
          <Layout.Section>
            <Banner tone="critical" title="The customers were not merged">
              <Text as="p">{actionData.error}</Text>
            </Banner>
          </Layout.Section>
        ) : null}
        {preview ? (
          <Layout.Section>
            <MergePreview customerId={customer.id} preview={preview} merging={merging} />
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return (
    <RouteErrorPage
      backUrl="/app/customers"
      backLabel="Customers"
      notFoundText="This customer does not exist in your shop."
    />
  );
}
