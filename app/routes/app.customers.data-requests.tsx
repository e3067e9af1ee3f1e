import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, IndexTable, Layout, Page, Text } from "@shopify/polaris";
import { listDataRequests } from "../admin-queries/data-requests.server";
import { DownloadButton } from "../components/DownloadButton";
import { EmptyStateCard } from "../components/EmptyStateCard";
import { formatDateTime, shopFormatOf } from "../components/format";
import { requireAdmin } from "../shopify/admin-context.server";
import { pageTitle } from "../components/page-title";

export const meta: MetaFunction = () => pageTitle("Data requests");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const requests = await listDataRequests(shop.id);
  return json({ requests, format: shopFormatOf(shop) });
};

export default function DataRequestsPage() {
  const { requests, format } = useLoaderData<typeof loader>();
  return (
    <Page title="Data requests" backAction={{ content: "Customers", url: "/app/customers" }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Text as="p" tone="subdued">
              When a customer asks your store for their data, Shopify forwards the request to Threadline. We prepare an
              export of everything we hold about them (profile, consent, messages, timeline) for you to send on.
            </Text>
            {requests.length === 0 ? (
              <EmptyStateCard heading="No data requests">
                <p>
                  No customer has asked for their data yet. Requests made through Shopify will be listed here with a
                  downloadable JSON export.
                </p>
              </EmptyStateCard>
            ) : (
              <Card padding="0">
                <IndexTable
                  resourceName={{ singular: "data request", plural: "data requests" }}
                  itemCount={requests.length}
                  selectable={false}
                  headings={[
                    { title: "Received" },
                    { title: "Email" },
                    { title: "Phone" },
                    { title: "Shopify customer" },
                    { title: "Export", hidden: true },
                  ]}
                >
                  {requests.map((r, index) => (
                    <IndexTable.Row id={r.id} key={r.id} position={index}>
                      <IndexTable.Cell>{formatDateTime(r.createdAt, format)}</IndexTable.Cell>
                      <IndexTable.Cell>{r.email ?? "—"}</IndexTable.Cell>
                      <IndexTable.Cell>{r.phone ?? "—"}</IndexTable.Cell>
                      <IndexTable.Cell>{r.shopifyCustomerId ?? "—"}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <DownloadButton
                          url={`/app/customers/data-requests/${r.id}`}
                          accessibilityLabel={`Download the export received ${formatDateTime(r.createdAt, format)}`}
                        >
                          Download JSON
                        </DownloadButton>
                      </IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              </Card>
            )}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
