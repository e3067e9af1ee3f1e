// GET/POST /api/extension/order/<order GID or id>: the admin order block (admin.order-details.block.render).
// GET: the order's customer and their thread, plus the flow messages sent for this order.
// POST { channel, body, subject?, clientMessageId }: a staff reply to that customer.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { extensionAction, extensionLoader } from "../extension-api/routes.server";
import { customerIdForOrder, flowMessagesForOrder, gidSchema, orderFor } from "../extension-api/thread.server";

const orderId = gidSchema("Order");

const load = extensionLoader(orderId, async (shopId, id) => {
  const order = await orderFor(shopId, id);
  if (!order) return { customerId: null };
  const customerId = await customerIdForOrder(shopId, id);
  return { customerId, extra: { flowMessages: await flowMessagesForOrder(shopId, order) } };
});
const act = extensionAction(orderId, async (shopId, id) => ({ customerId: await customerIdForOrder(shopId, id) }));

export const loader = ({ request, params }: LoaderFunctionArgs) => load(request, params.orderId);
export const action = ({ request, params }: ActionFunctionArgs) => act(request, params.orderId);
