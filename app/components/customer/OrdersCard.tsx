// The customer's orders, each refreshable from Shopify into the panel below the table.
import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Box, Button, Card, IndexTable, Text } from "@shopify/polaris";
import { formatDate, formatMoney, humanize, type ShopFormat } from "../format";
import { FulfillmentBadge } from "../StatusBadges";
import { OrderDetailsPanel } from "./OrderDetailsPanel";
import type { CustomerPageData, OrderRefreshLoader } from "./page-data";
import { SectionTitle } from "./SectionTitle";

export function OrdersCard({
  customerId,
  orders,
  format,
}: {
  customerId: string;
  orders: CustomerPageData["orders"];
  format: ShopFormat;
}) {
  const fetcher = useFetcher<OrderRefreshLoader>();
  const [selected, setSelected] = useState<string | null>(null);
  const selectedOrder = orders.find((o) => o.id === selected);
  const refresh = (orderId: string) => {
    setSelected(orderId);
    fetcher.load(`/app/customers/${customerId}/orders/${orderId}`);
  };
  const loading = fetcher.state === "loading";

  return (
    <Card padding="0">
      <Box padding="400" paddingBlockEnd="200">
        <SectionTitle>Orders</SectionTitle>
      </Box>
      {orders.length === 0 ? (
        <Box padding="400" paddingBlockStart="0">
          <Text as="p" tone="subdued">
            No orders from this customer have been imported or received.
          </Text>
        </Box>
      ) : (
        <IndexTable
          resourceName={{ singular: "order", plural: "orders" }}
          itemCount={orders.length}
          selectable={false}
          headings={[
            { title: "Order" },
            { title: "Date" },
            { title: "Total", alignment: "end" },
            { title: "Payment" },
            { title: "Fulfillment" },
            { title: "Details", hidden: true },
          ]}
        >
          {orders.map((order, index) => (
            <IndexTable.Row id={order.id} key={order.id} position={index} selected={order.id === selected}>
              <IndexTable.Cell>
                <Text as="span" fontWeight="semibold">
                  {order.name}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>{formatDate(order.placedAt, format)}</IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric>
                  {formatMoney(order.totalPrice, order.currency, format.locale)}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>{order.financialStatus ? humanize(order.financialStatus) : "—"}</IndexTable.Cell>
              <IndexTable.Cell>
                <FulfillmentBadge status={order.fulfillmentStatus} cancelled={order.cancelledAt !== null} />
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Button
                  size="slim"
                  onClick={() => refresh(order.id)}
                  loading={loading && selected === order.id}
                  accessibilityLabel={`Refresh ${order.name} from Shopify`}
                >
                  Refresh from Shopify
                </Button>
              </IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      )}
      {selectedOrder ? (
        <Box padding="400" borderBlockStartWidth="025" borderColor="border">
          <OrderDetailsPanel
            orderName={selectedOrder.name}
            loading={loading}
            data={fetcher.data}
            format={format}
            onClose={() => setSelected(null)}
          />
        </Box>
      ) : null}
    </Card>
  );
}
