import { Card, EmptyState, Page } from "@shopify/polaris";

export default function FlowsPage() {
  return (
    <Page title="Flows">
      <Card>
        <EmptyState heading="Flows" image="">
          <p>Coming soon.</p>
        </EmptyState>
      </Card>
    </Page>
  );
}
