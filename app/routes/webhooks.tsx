// One URL for every Shopify webhook topic; the topic comes from X-Shopify-Topic.
import type { ActionFunctionArgs } from "@remix-run/node";
import { handleShopifyWebhook } from "../webhooks/intake.server";

export const action = ({ request }: ActionFunctionArgs) => handleShopifyWebhook(request);

export const loader = () => new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
