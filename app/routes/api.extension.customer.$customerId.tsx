// GET/POST /api/extension/customer/<customer GID or id>: the admin customer block
// (admin.customer-details.block.render). The Shopify customer id leads to ours through its
// SHOPIFY_CUSTOMER identity. POST { channel, body, subject?, clientMessageId }: a staff reply.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { extensionAction, extensionLoader } from "../extension-api/routes.server";
import { customerIdForShopifyCustomer, gidSchema } from "../extension-api/thread.server";

const customerId = gidSchema("Customer");
const resolve = async (shopId: string, id: bigint) => ({ customerId: await customerIdForShopifyCustomer(shopId, id) });
const load = extensionLoader(customerId, resolve);
const act = extensionAction(customerId, resolve);

export const loader = ({ request, params }: LoaderFunctionArgs) => load(request, params.customerId);
export const action = ({ request, params }: ActionFunctionArgs) => act(request, params.customerId);
