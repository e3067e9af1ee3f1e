import { Outlet } from "@remix-run/react";
import { RouteErrorPage } from "../components/RouteErrorPage";

// Layout for /app/knowledge/*: the list lives in app.knowledge._index.tsx.
export default function KnowledgeLayout() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return (
    <RouteErrorPage
      backUrl="/app/knowledge"
      backLabel="Knowledge"
      notFoundText="This article does not exist in your shop."
    />
  );
}
