// A flow's message log: who got what, on which channel, and what became of it.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useNavigate } from "@remix-run/react";
import { BlockStack, Card, EmptyState, IndexTable, Link, Page, Pagination, Text } from "@shopify/polaris";
import { z } from "zod";
import { listFlowMessages } from "../admin-queries/flow-log.server";
import { listFlowStepStatus } from "../admin-queries/flow-steps.server";
import { FlowStepList } from "../components/FlowStepList";
import { EMPTY_STATE_IMAGE } from "../components/EmptyStateCard";
import { formatDateTime, shopFormatOf } from "../components/format";
import { RouteErrorPage } from "../components/RouteErrorPage";
import { ChannelBadge, DeliveryStatusBadge } from "../components/StatusBadges";
import { requireAdmin } from "../shopify/admin-context.server";
import { pageTitle } from "../components/page-title";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });
const querySchema = z.object({
  cursor: z.string().max(200).optional().catch(undefined),
  dir: z.enum(["next", "previous"]).optional().catch(undefined),
});

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const p = paramsSchema.safeParse(params);
  if (!p.success) throw new Response("Not found", { status: 404 });
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const log = await listFlowMessages({
    shopId: shop.id,
    flowId: p.data.id,
    cursor: query.cursor,
    direction: query.dir,
  });
  const steps = await listFlowStepStatus({ shopId: shop.id, flowId: p.data.id });
  return json({ ...log, steps, format: shopFormatOf(shop) });
};

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.flow.name ? `${data.flow.name}: message log` : undefined, "Flows");

export default function FlowLogPage() {
  const { flow, messages, pageInfo, steps, format } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  return (
    <Page
      title={`${flow.name}: message log`}
      subtitle="Every message this flow sent or tried to send, newest first"
      backAction={{ content: flow.name, url: `/app/flows/${flow.id}` }}
    >
      <BlockStack gap="400">
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              Scheduled
            </Text>
            <FlowStepList
              steps={steps.upcoming}
              show="customer"
              format={format}
              empty="Nothing is waiting to be sent."
            />
          </BlockStack>
        </Card>
        {steps.notSent.length > 0 ? (
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Not sent
              </Text>
              <FlowStepList steps={steps.notSent} show="customer" format={format} />
            </BlockStack>
          </Card>
        ) : null}
        <Card padding="0">
          {messages.length === 0 ? (
            <EmptyState heading="No messages yet" image={EMPTY_STATE_IMAGE}>
              <p>When this flow sends a message, it is listed here with its delivery status.</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "message", plural: "messages" }}
              itemCount={messages.length}
              selectable={false}
              headings={[
                { title: "Customer" },
                { title: "Channel" },
                { title: "Status" },
                { title: "Error" },
                { title: "Sent at" },
              ]}
            >
              {messages.map((m, index) => (
                <IndexTable.Row id={m.id} key={m.id} position={index}>
                  <IndexTable.Cell>
                    <Link url={`/app/customers/${m.customer.id}`} removeUnderline>
                      {m.customer.name}
                    </Link>
                    {m.toAddress ? (
                      <Text as="p" variant="bodySm" tone="subdued">
                        {m.toAddress}
                      </Text>
                    ) : null}
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <ChannelBadge channel={m.channel} />
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <DeliveryStatusBadge status={m.deliveryStatus} />
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    {m.errorMessage || m.errorCode ? (
                      <div style={{ maxWidth: "22rem", whiteSpace: "normal" }}>
                        <Text as="span" tone="critical" breakWord>
                          {m.errorMessage ?? ""}
                          {m.errorCode ? ` (${m.errorCode})` : ""}
                        </Text>
                      </div>
                    ) : (
                      <Text as="span" tone="subdued">
                        —
                      </Text>
                    )}
                  </IndexTable.Cell>
                  <IndexTable.Cell>{formatDateTime(m.sentAt ?? m.createdAt, format)}</IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
          {pageInfo.hasNextPage || pageInfo.hasPreviousPage ? (
            <div style={{ display: "flex", justifyContent: "center", padding: 12 }}>
              <Pagination
                hasPrevious={pageInfo.hasPreviousPage}
                hasNext={pageInfo.hasNextPage}
                onPrevious={() => navigate(`?cursor=${pageInfo.startCursor}&dir=previous`)}
                onNext={() => navigate(`?cursor=${pageInfo.endCursor}&dir=next`)}
              />
            </div>
          ) : null}
        </Card>
      </BlockStack>
    </Page>
  );
}

export function ErrorBoundary() {
  return (
    <RouteErrorPage backUrl="/app/flows" backLabel="Flows" notFoundText="This flow does not exist in your shop." />
  );
}
