import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Box, Card, IndexTable, Page, Text } from "@shopify/polaris";
import { EmptyStateCard } from "../components/EmptyStateCard";
import { formatDateTime, shopFormatOf } from "../components/format";
import { listSavedReplies } from "../saved-replies/saved-replies.server";
import { requireAdmin } from "../shopify/admin-context.server";
import { pageTitle } from "../components/page-title";

export const meta: MetaFunction = () => pageTitle("Saved replies");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const replies = await listSavedReplies(shop.id);
  return json({
    replies: replies.map((r) => ({ ...r, preview: r.body.slice(0, 160) })),
    format: shopFormatOf(shop),
  });
};

export default function SavedRepliesPage() {
  const { replies, format } = useLoaderData<typeof loader>();
  return (
    <Page
      title="Saved replies"
      subtitle="Answers you send often, with the customer's details filled in"
      primaryAction={{ content: "New saved reply", url: "/app/saved-replies/new" }}
    >
      {replies.length === 0 ? (
        <EmptyStateCard
          heading="No saved replies yet"
          action={{ content: "New saved reply", url: "/app/saved-replies/new" }}
        >
          <p>
            Write the answers you give most often once, with Liquid variables such as {"{{ customer.first_name }}"} or{" "}
            {"{{ order.name }}"}, and insert them into any conversation.
          </p>
        </EmptyStateCard>
      ) : (
        <Card padding="0">
          <IndexTable
            resourceName={{ singular: "saved reply", plural: "saved replies" }}
            itemCount={replies.length}
            selectable={false}
            headings={[{ title: "Name" }, { title: "Text" }, { title: "Updated" }]}
          >
            {replies.map((r, index) => (
              <IndexTable.Row id={r.id} key={r.id} position={index}>
                <IndexTable.Cell>
                  <RemixLink to={`/app/saved-replies/${r.id}`} data-primary-link="">
                    <Text as="span" fontWeight="semibold">
                      {r.name}
                    </Text>
                  </RemixLink>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Box maxWidth="60ch">
                    <Text as="span" tone="subdued" truncate>
                      {r.preview}
                    </Text>
                  </Box>
                </IndexTable.Cell>
                <IndexTable.Cell>{formatDateTime(r.updatedAt, format)}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        </Card>
      )}
    </Page>
  );
}
