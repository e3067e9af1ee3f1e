import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { AdminShell } from "../components/AdminShell";
import { config } from "../config.server";
import { requireAdmin } from "../shopify/admin-context.server";
import { pageTitle } from "../components/page-title";

export const meta: MetaFunction = () => pageTitle();

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, demo, staff } = await requireAdmin(request);
  return json({ apiKey: config().SHOPIFY_API_KEY, demo, shopDomain: shop.domain, staffName: staff.name });
};

export default function AppLayout() {
  const { apiKey, demo, shopDomain, staffName } = useLoaderData<typeof loader>();
  return (
    <AdminShell apiKey={apiKey} demo={demo} shopDomain={shopDomain} staffName={staffName}>
      <Outlet />
    </AdminShell>
  );
}

// Shopify needs its own boundary to break out of the iframe during auth redirects.
export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 503) {
    return <p style={{ fontFamily: "sans-serif", padding: 24 }}>{String(error.data)}</p>;
  }
  return boundary.error(error);
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
