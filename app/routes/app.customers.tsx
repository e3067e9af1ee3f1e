import { Outlet } from "@remix-run/react";
import { RouteErrorPage } from "../components/RouteErrorPage";

// Layout for /app/customers/*: the list lives in app.customers._index.tsx.
export default function CustomersLayout() {
  return <Outlet />;
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
