// The customer page's loader shape and the order refresh's answer, for the components that make up the page.
import type { useFetcher, useLoaderData } from "@remix-run/react";
import type { loader } from "../../routes/app.customers.$id";
import type { loader as orderRefreshLoader } from "../../routes/app.customers.$id.orders.$orderId";

export type CustomerPageData = ReturnType<typeof useLoaderData<typeof loader>>;
export type OrderRefreshLoader = typeof orderRefreshLoader;
export type OrderRefreshData = ReturnType<typeof useFetcher<typeof orderRefreshLoader>>["data"];
export type TimelineEvent = CustomerPageData["timeline"]["events"][number];
