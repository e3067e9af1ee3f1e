// GET/POST /api/extension/checkout/<abandoned checkout GID or id>: the admin abandoned-checkout block
// (admin.abandoned-checkout-details.block.render). Our Checkout row by shopifyCheckoutId → its
// customer. POST { channel, body, subject?, clientMessageId }: a staff reply.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { extensionAction, extensionLoader } from "../extension-api/routes.server";
import { customerIdForCheckout, gidSchema } from "../extension-api/thread.server";

const checkoutId = gidSchema("AbandonedCheckout", "Checkout");
const resolve = async (shopId: string, id: bigint) => ({ customerId: await customerIdForCheckout(shopId, id) });
const load = extensionLoader(checkoutId, resolve);
const act = extensionAction(checkoutId, resolve);

export const loader = ({ request, params }: LoaderFunctionArgs) => load(request, params.checkoutId);
export const action = ({ request, params }: ActionFunctionArgs) => act(request, params.checkoutId);
