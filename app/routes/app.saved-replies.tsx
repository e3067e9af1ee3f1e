import { Outlet } from "@remix-run/react";
import { RouteErrorPage } from "../components/RouteErrorPage";

// Layout for /app/saved-replies/*: the list lives in app.saved-replies._index.tsx.
export default function SavedRepliesLayout() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return (
    <RouteErrorPage
      backUrl="/app/saved-replies"
      backLabel="Saved replies"
      notFoundText="This saved reply does not exist in your shop."
    />
  );
}
