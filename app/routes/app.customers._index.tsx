import { useCallback, useEffect, useRef, useState } from "react";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Box, Card, EmptySearchResult, IndexTable, Link, Page, Text, TextField } from "@shopify/polaris";
import { z } from "zod";
import { listCustomers } from "../admin-queries/customers.server";
import { ListPagination } from "../components/ListPagination";
import { EmptyStateCard } from "../components/EmptyStateCard";
import { formatDateTime, formatMoney, formatNumber, shopFormatOf } from "../components/format";
import { requireAdmin } from "../shopify/admin-context.server";
import { pageTitle } from "../components/page-title";

export const meta: MetaFunction = () => pageTitle("Customers");

const querySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
  dir: z.enum(["next", "previous"]).optional().catch(undefined),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const params = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { customers, pageInfo } = await listCustomers({
    shopId: shop.id,
    q: params.q,
    cursor: params.cursor,
    direction: params.dir,
  });
  return json({ customers, pageInfo, q: params.q ?? "", format: shopFormatOf(shop) });
};

const SEARCH_DEBOUNCE_MS = 300;

export default function CustomersPage() {
  const { customers, pageInfo, q, format } = useLoaderData<typeof loader>();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigation = useNavigation();
  const [query, setQuery] = useState(q);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const loading = navigation.state === "loading" && navigation.location?.pathname === "/app/customers";

  // Keep the field in step with back/forward navigation.
  useEffect(() => setQuery(q), [q]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const search = useCallback(
    (value: string) => {
      const next = new URLSearchParams();
      if (value.trim()) next.set("q", value.trim());
      setSearchParams(next, { replace: true, preventScrollReset: true });
    },
    [setSearchParams],
  );

  const onQueryChange = (value: string) => {
    setQuery(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => search(value), SEARCH_DEBOUNCE_MS);
  };

  const goTo = (cursor: string | null, dir: "next" | "previous") => {
    if (!cursor) return;
    const next = new URLSearchParams(searchParams);
    next.set("cursor", cursor);
    next.set("dir", dir);
    setSearchParams(next, { preventScrollReset: true });
  };

  const noCustomersAtAll = customers.length === 0 && !q && !searchParams.get("cursor");

  return (
    <Page title="Customers" secondaryActions={[{ content: "Data requests", url: "/app/customers/data-requests" }]}>
      {noCustomersAtAll ? (
        <EmptyStateCard heading="No customers yet" action={{ content: "Go to the import", url: "/app" }}>
          <p>
            Customers appear here once Threadline has imported them from Shopify, or when someone first messages you on
            a connected channel. Each customer gets a profile with their orders, consent and a timeline of everything
            that happened.
          </p>
        </EmptyStateCard>
      ) : (
        <Card padding="0">
          <Box padding="300">
            <TextField
              label="Search customers"
              labelHidden
              placeholder="Search by name, email or phone"
              value={query}
              onChange={onQueryChange}
              onClearButtonClick={() => onQueryChange("")}
              clearButton
              autoComplete="off"
              type="search"
            />
          </Box>
          <IndexTable
            resourceName={{ singular: "customer", plural: "customers" }}
            itemCount={customers.length}
            selectable={false}
            loading={loading}
            emptyState={
              <EmptySearchResult
                title="No customers found"
                description={
                  q
                    ? `Nothing matches “${q}”. Try a name, an email address or a phone number.`
                    : "No customers on this page."
                }
                withIllustration
              />
            }
            headings={[
              { title: "Name" },
              { title: "Email" },
              { title: "Phone" },
              { title: "Orders", alignment: "end" },
              { title: "Total spent", alignment: "end" },
              { title: "Last activity" },
            ]}
          >
            {customers.map((c, index) => (
              <IndexTable.Row id={c.id} key={c.id} position={index}>
                <IndexTable.Cell>
                  <Link url={`/app/customers/${c.id}`} dataPrimaryLink removeUnderline>
                    <Text as="span" fontWeight="semibold">
                      {c.name}
                    </Text>
                  </Link>
                </IndexTable.Cell>
                <IndexTable.Cell>{c.email ?? "—"}</IndexTable.Cell>
                <IndexTable.Cell>{c.phone ?? "—"}</IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric>
                    {formatNumber(c.ordersCount, format.locale)}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric>
                    {formatMoney(c.totalSpent, format.currency, format.locale)}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>{formatDateTime(c.lastActivityAt, format)}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
          <ListPagination
            pageInfo={pageInfo}
            goTo={goTo}
            labels={{ previous: "Previous customers", next: "Next customers" }}
          />
        </Card>
      )}
    </Page>
  );
}
