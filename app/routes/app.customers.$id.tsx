// A customer's page route: the profile, one timeline page (`tcursor`, `tdir`) and, back from
// a merge (`merged`), which way it went. The page itself lives in app/components/customer/.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getCustomerPage } from "../admin-queries/customer-page.server";
import { CustomerPage } from "../components/customer/CustomerPage";
import { shopFormatOf } from "../components/format";
import { pageTitle } from "../components/page-title";
import { RouteErrorPage } from "../components/RouteErrorPage";
import { requireAdmin } from "../shopify/admin-context.server";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });
const querySchema = z.object({
  tcursor: z.string().max(200).optional().catch(undefined),
  tdir: z.enum(["next", "previous"]).optional().catch(undefined),
  merged: z.string().min(1).max(64).optional().catch(undefined),
});

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await getCustomerPage({
    shopId: shop.id,
    customerId: parsed.data.id,
    timelineCursor: query.tcursor,
    timelineDirection: query.tdir,
    mergedId: query.merged,
  });
  return json({ ...page, format: shopFormatOf(shop) });
};

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.customer.name, "Customers");

export default function CustomerRoute() {
  return <CustomerPage data={useLoaderData<typeof loader>()} />;
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
