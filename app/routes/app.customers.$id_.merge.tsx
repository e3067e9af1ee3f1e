// /app/customers/:id/merge: merge another customer into this one. Staff search for
// the other customer (name, email, phone), see both side by side with the consent
// that will result (the most restrictive choice wins), and confirm. The merge can
// be undone from the customer page. ($id_ keeps this page out of the customer
// page's layout, which has no outlet.)
import { useCallback, useEffect, useRef, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Divider,
  InlineGrid,
  InlineStack,
  Layout,
  Link,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { z } from "zod";
import { listCustomers, requireCustomer } from "../admin-queries/customers.server";
import { customerLabelOf } from "../admin-queries/customer-labels.server";
import { IdentityList } from "../components/CustomerIdentities";
import { humanize } from "../components/format";
import { RouteErrorPage } from "../components/RouteErrorPage";
import { channelLabel, ConsentBadge } from "../components/StatusBadges";
import { mergeCustomers, MergeRefusedError, previewMerge } from "../customers/merge/merge.server";
import { requireAdmin } from "../shopify/admin-context.server";
import { pageTitle } from "../components/page-title";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });
const querySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  with: z.string().min(1).max(64).optional().catch(undefined),
});
const actionSchema = z.object({ with: z.string().min(1).max(64) });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const p = paramsSchema.safeParse(params);
  if (!p.success) throw new Response("Not found", { status: 404 });
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const customer = await requireCustomer(shop.id, p.data.id);
  const results = query.q
    ? (await listCustomers({ shopId: shop.id, q: query.q, pageSize: 10 })).customers.filter((c) => c.id !== customer.id)
    : [];
  const preview = query.with ? await previewMerge(shop.id, customer.id, query.with) : null;
  return json({
    customer: { id: customer.id, name: await customerLabelOf(shop.id, customer), mergedIntoId: customer.mergedIntoId },
    q: query.q ?? "",
    results: results.map((r) => ({ id: r.id, name: r.name, email: r.email, phone: r.phone })),
    preview,
  });
};

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.customer.name ? `Merge into ${data.customer.name}` : undefined, "Customers");

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, staff } = await requireAdmin(request);
  const p = paramsSchema.safeParse(params);
  const form = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!p.success) throw new Response("Not found", { status: 404 });
  if (!form.success) return json({ error: "Choose the customer to merge first." }, { status: 400 });
  let mergeId: string;
  try {
    ({ mergeId } = await mergeCustomers(shop.id, p.data.id, form.data.with, staff));
  } catch (error) {
    if (error instanceof MergeRefusedError) return json({ error: error.message }, { status: 409 });
    throw error;
  }
  return redirect(`/app/customers/${p.data.id}?merged=${encodeURIComponent(mergeId)}`);
};

const SEARCH_DEBOUNCE_MS = 300;

export default function MergeCustomerPage() {
  const { customer, q, results, preview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams, setSearchParams] = useSearchParams();
  const [query, setQuery] = useState(q);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const merging = navigation.state === "submitting";

  useEffect(() => setQuery(q), [q]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const search = useCallback(
    (value: string) => {
      const next = new URLSearchParams();
      if (value.trim()) next.set("q", value.trim());
      const selected = searchParams.get("with");
      if (selected) next.set("with", selected);
      setSearchParams(next, { replace: true, preventScrollReset: true });
    },
    [searchParams, setSearchParams],
  );
  const onQueryChange = (value: string) => {
    setQuery(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => search(value), SEARCH_DEBOUNCE_MS);
  };
  const withLink = (otherId: string) => {
    const next = new URLSearchParams(searchParams);
    next.set("with", otherId);
    return `/app/customers/${customer.id}/merge?${next.toString()}`;
  };

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
          <Card>
            <BlockStack gap="300">
              <TextField
                label="Find the customer to merge into this one"
                placeholder="Name, email, phone, or a label such as “Visitor on the cart”"
                value={query}
                onChange={onQueryChange}
                autoComplete="off"
                clearButton
                onClearButtonClick={() => onQueryChange("")}
                autoFocus
              />
              {q && results.length === 0 ? (
                <Text as="p" tone="subdued">
                  No other customer matches “{q}”.
                </Text>
              ) : null}
              {results.length > 0 ? (
                <BlockStack gap="200" as="ul">
                  {results.map((r) => (
                    <Box as="li" key={r.id}>
                      <InlineStack align="space-between" blockAlign="center" gap="200">
                        <BlockStack gap="050">
                          <Text as="span" fontWeight="semibold">
                            {r.name}
                          </Text>
                          <Text as="span" variant="bodySm" tone="subdued">
                            {[r.email, r.phone].filter(Boolean).join(" · ") || "No email or phone"}
                          </Text>
                        </BlockStack>
                        <Button url={withLink(r.id)} accessibilityLabel={`Preview merging ${r.name}`}>
                          Preview merge
                        </Button>
                      </InlineStack>
                    </Box>
                  ))}
                </BlockStack>
              ) : null}
            </BlockStack>
          </Card>
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
            <PreviewSection customerId={customer.id} preview={preview} merging={merging} />
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}

type Preview = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["preview"]>;
type Side = Extract<Preview, { ok: true }>["survivor"];

function PreviewSection({ customerId, preview, merging }: { customerId: string; preview: Preview; merging: boolean }) {
  if (!preview.ok) {
    return (
      <BlockStack gap="400">
        <Banner tone="critical" title="These customers cannot be merged">
          <Text as="p">{preview.reason}</Text>
        </Banner>
        {preview.survivor && preview.merged ? (
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
            <SideCard title="Keeps" side={preview.survivor} />
            <SideCard title="Would be merged" side={preview.merged} />
          </InlineGrid>
        ) : null}
      </BlockStack>
    );
  }
  return (
    <BlockStack gap="400">
      <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
        <SideCard title="Keeps (this customer)" side={preview.survivor} />
        <SideCard title="Merged into it" side={preview.merged} />
      </InlineGrid>
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Consent after the merge
          </Text>
          <Text as="p" tone="subdued">
            For each channel the most restrictive choice wins: if either customer unsubscribed, the merged customer is
            unsubscribed, so nobody is messaged against a refusal.
          </Text>
          {preview.consent.length === 0 ? (
            <Text as="p" tone="subdued">
              Neither customer has recorded consent.
            </Text>
          ) : (
            preview.consent.map((c) => (
              <BlockStack key={`${c.channel}:${c.purpose}`} gap="100">
                <InlineStack align="space-between" blockAlign="center" gap="200">
                  <Text as="span" fontWeight="semibold">
                    {channelLabel(c.channel)} · {humanize(c.purpose)}
                  </Text>
                  <InlineStack gap="200" blockAlign="center">
                    {c.conflict ? <Badge tone="warning">Conflict</Badge> : null}
                    <ConsentBadge state={c.result} />
                  </InlineStack>
                </InlineStack>
                <Text as="span" variant="bodySm" tone="subdued">
                  This customer: {c.survivor ? humanize(c.survivor) : "none"} · Other:{" "}
                  {c.merged ? humanize(c.merged) : "none"}. {c.explanation}
                </Text>
              </BlockStack>
            ))
          )}
        </BlockStack>
      </Card>
      {preview.openConversationCollision ? (
        <Banner tone="info" title="Both customers have an open conversation">
          <Text as="p">
            The other customer&apos;s messages join this customer&apos;s open conversation, and their emptied
            conversation is resolved.
          </Text>
        </Banner>
      ) : null}
      <Card>
        <Form method="post" action={`/app/customers/${customerId}/merge`}>
          <input type="hidden" name="with" value={preview.merged.id} />
          <InlineStack align="space-between" blockAlign="center" gap="300">
            <Text as="p">
              Merge <strong>{preview.merged.name}</strong> into <strong>{preview.survivor.name}</strong>. You can undo
              this from the customer page.
            </Text>
            <InlineStack gap="200">
              <Button url={`/app/customers/${preview.merged.id}/merge?with=${preview.survivor.id}`}>
                Keep the other customer instead
              </Button>
              <Button variant="primary" tone="critical" submit loading={merging}>
                Merge customers
              </Button>
            </InlineStack>
          </InlineStack>
        </Form>
      </Card>
    </BlockStack>
  );
}

function SideCard({ title, side }: { title: string; side: Side }) {
  const rows: Array<[string, number]> = [
    ["Conversations", side.counts.conversations],
    ["Messages", side.counts.messages],
    ["Orders", side.counts.orders],
    ["Checkouts", side.counts.checkouts],
    ["Timeline events", side.counts.timelineEvents],
  ];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingSm" tone="subdued">
          {title}
        </Text>
        <BlockStack gap="050">
          <Link url={`/app/customers/${side.id}`}>{side.name}</Link>
          <Text as="span" variant="bodySm" tone="subdued">
            {[side.email, side.phone].filter(Boolean).join(" · ") || "No email or phone"}
          </Text>
          {side.shopifyCustomerId ? (
            <Text as="span" variant="bodySm" tone="subdued">
              Shopify customer {side.shopifyCustomerId}
            </Text>
          ) : null}
        </BlockStack>
        <Divider />
        <BlockStack gap="100">
          {side.identities.length === 0 ? (
            <Text as="p" tone="subdued">
              No identities.
            </Text>
          ) : (
            <IdentityList identities={side.identities.map((i) => ({ ...i, label: null }))} />
          )}
        </BlockStack>
        <Divider />
        {rows.map(([label, value]) => (
          <InlineStack key={label} align="space-between">
            <Text as="span" tone="subdued">
              {label}
            </Text>
            <Text as="span" numeric>
              {value}
            </Text>
          </InlineStack>
        ))}
        <Divider />
        {side.consents.length === 0 ? (
          <Text as="p" tone="subdued">
            No consent recorded.
          </Text>
        ) : (
          side.consents.map((c) => (
            <InlineStack key={`${c.channel}:${c.purpose}`} align="space-between" blockAlign="center">
              <Text as="span">
                {channelLabel(c.channel)} · {humanize(c.purpose)}
              </Text>
              <ConsentBadge state={c.state} />
            </InlineStack>
          ))
        )}
      </BlockStack>
    </Card>
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
