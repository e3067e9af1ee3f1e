import { Outlet } from "@remix-run/react";
import { RouteErrorPage } from "../components/RouteErrorPage";

// Layout for /app/flows/*: the list lives in app.flows._index.tsx, the editor in
// app.flows.$id.tsx and the message log in app.flows.$id_.log.tsx.
export default function FlowsLayout() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return (
    <RouteErrorPage backUrl="/app/flows" backLabel="Flows" notFoundText="This flow does not exist in your shop." />
  );
}
