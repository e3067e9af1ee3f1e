import { Card, EmptyState, Page } from "@shopify/polaris";

export default function CustomersPage() {
  return (
    <Page title="Customers">
      <Card>
        <EmptyState heading="Customers" image="">
          <p>Coming soon.</p>
        </EmptyState>
      </Card>
    </Page>
  );
}
