import { Card, EmptyState, Page } from "@shopify/polaris";

export default function ChannelsPage() {
  return (
    <Page title="Channels">
      <Card>
        <EmptyState heading="Channels" image="">
          <p>Coming soon.</p>
        </EmptyState>
      </Card>
    </Page>
  );
}
