export function printBanner(info: {
  url: string;
  storefrontUrl: string;
  shopDomain: string;
  apiSecret: string;
  standIns: Record<string, string>;
  conversations: number;
}) {
  const lines = [
    "",
    `  Threadline demo is running: ${info.url}/app`,
    `  Demo storefront with the chat widget: ${info.storefrontUrl}`,
    `  Demo shop: ${info.shopDomain} (offline session installed; ${info.conversations} demo conversations)`,
    "",
    "  Stand-ins capturing outbound traffic:",
    ...Object.entries(info.standIns).map(([name, url]) => `    ${name.padEnd(18)} ${url}`),
    "",
    "  Send a signed webhook like Shopify does (see README, 'Try a webhook'):",
    `    npm run webhook:send -- orders/create tests/fixtures/webhooks/orders-create.json`,
    "",
    "  Ctrl+C stops everything.",
    "",
  ];
  console.log(lines.join("\n"));
}
