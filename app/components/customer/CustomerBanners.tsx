// Banners above the customer: a merge just made, a profile merged away, personal data erased.
import { Banner, BlockStack, Layout, Link, Text } from "@shopify/polaris";
import { formatDate, type ShopFormat } from "../format";
import type { CustomerPageData } from "./page-data";

export function CustomerBanners({
  customer,
  mergedInto,
  merge,
  format,
}: {
  customer: CustomerPageData["customer"];
  mergedInto: CustomerPageData["mergedInto"];
  merge: CustomerPageData["merge"];
  format: ShopFormat;
}) {
  return (
    <>
      {merge ? (
        <Layout.Section>
          <Banner tone="success" title="Customers merged">
            <Text as="p">
              Merged <Link url={`/app/customers/${merge.mergedId}`}>{merge.mergedName}</Link> into {merge.survivorName}{" "}
              (this customer). You can undo it under Merges.
            </Text>
          </Banner>
        </Layout.Section>
      ) : null}
      {mergedInto || customer.redactedAt ? (
        <Layout.Section>
          <BlockStack gap="300">
            {mergedInto ? (
              <Banner tone="info" title="This profile was merged">
                <Text as="p">
                  Its history now lives on <Link url={`/app/customers/${mergedInto.id}`}>{mergedInto.name}</Link>.
                </Text>
              </Banner>
            ) : null}
            {customer.redactedAt ? (
              <Banner tone="warning" title="Customer data redacted">
                <Text as="p">
                  Personal details were erased on {formatDate(customer.redactedAt, format)} at the shop&apos;s or
                  Shopify&apos;s request.
                </Text>
              </Banner>
            ) : null}
          </BlockStack>
        </Layout.Section>
      ) : null}
    </>
  );
}
