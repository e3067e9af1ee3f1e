// A customer's page: orders, open checkouts and timeline beside their summary, consent,
// conversations and merge history.
import { BlockStack, Layout, Page } from "@shopify/polaris";
import { CustomerSummaryCard } from "../CustomerSummaryCard";
import { MergeHistory } from "../MergeHistory";
import { ConsentCard } from "./ConsentCard";
import { ConversationsCard } from "./ConversationsCard";
import { CustomerBanners } from "./CustomerBanners";
import { OpenCheckoutsCard } from "./OpenCheckoutsCard";
import { OrdersCard } from "./OrdersCard";
import type { CustomerPageData } from "./page-data";
import { TimelineCard } from "./TimelineCard";

export function CustomerPage({ data }: { data: CustomerPageData }) {
  const { customer, mergedInto, merge, format } = data;
  return (
    <Page
      title={customer.name}
      subtitle={[customer.email, customer.phone].filter(Boolean).join(" · ") || undefined}
      backAction={{ content: "Customers", url: "/app/customers" }}
      secondaryActions={
        mergedInto ? [] : [{ content: "Merge with another customer", url: `/app/customers/${customer.id}/merge` }]
      }
    >
      <Layout>
        <CustomerBanners customer={customer} mergedInto={mergedInto} merge={merge} format={format} />
        <Layout.Section>
          <BlockStack gap="400">
            <OrdersCard customerId={customer.id} orders={data.orders} format={format} />
            <OpenCheckoutsCard checkouts={data.openCheckouts} format={format} />
            <TimelineCard timeline={data.timeline} format={format} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <CustomerSummaryCard customer={customer} identities={data.identities} format={format} />
            <ConsentCard consents={data.consents} format={format} />
            <ConversationsCard conversations={data.conversations} format={format} />
            <MergeHistory customerId={customer.id} format={format} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
