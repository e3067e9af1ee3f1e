import { Outlet } from "@remix-run/react";
import { RouteErrorPage } from "../components/RouteErrorPage";
import type { MetaFunction } from "@remix-run/node";
import { pageTitle } from "../components/page-title";

export const meta: MetaFunction = () => pageTitle("Inbox");

// Layout for /app/inbox/*: the conversation list lives in app.inbox._index.tsx.
export default function InboxLayout() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return (
    <RouteErrorPage
      backUrl="/app/inbox"
      backLabel="Inbox"
      notFoundText="This conversation does not exist in your shop."
    />
  );
}
