import { Card, EmptyState, Page } from "@shopify/polaris";

export default function AnalyticsPage() {
  return (
    <Page title="Analytics">
      <Card>
        <EmptyState heading="Analytics" image="">
          <p>Coming soon.</p>
        </EmptyState>
      </Card>
    </Page>
  );
}
