import { Card, EmptyState, Page } from "@shopify/polaris";

export default function InboxPage() {
  return (
    <Page title="Inbox">
      <Card>
        <EmptyState heading="Inbox" image="">
          <p>Coming soon.</p>
        </EmptyState>
      </Card>
    </Page>
  );
}
