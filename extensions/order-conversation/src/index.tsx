/** @jsxImportSource preact */
// The extension's module for all three targets (order, customer, abandoned checkout): the admin
// calls the default export once with `shopify` set; mountBlock does the rest. This is the one file
// that loads Shopify's admin typings (and with them the s-* element types for the whole program).
import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/admin.order-details.block.render";
import { mountBlock } from "./mount";

// The admin's API object; the customer and checkout block targets expose the same shape.
declare const shopify: Api;

export default async () => {
  mountBlock(shopify, (input, init) => fetch(input, init), document.body);
};
