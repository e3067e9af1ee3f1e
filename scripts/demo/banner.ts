export interface BannerInfo {
  url: string;
  storefrontUrl: string;
  /** /demo/outbox: what the stand-ins received. */
  outboxUrl: string;
  shopDomain: string;
  apiSecret: string;
  standIns: Record<string, string>;
  conversations: number;
}

// Everything listens on 127.0.0.1, and the app's own URL (cookies, callbacks) says
// localhost: the banner spells every address one way so none looks like a different server.
function sameHost(url: string): string {
  return url.replace(/^(https?:\/\/)127\.0\.0\.1(?=[:/]|$)/, "$1localhost");
}

export function bannerLines(info: BannerInfo): string[] {
  return [
    "",
    `  Threadline demo is running: ${sameHost(info.url)}/app`,
    `  Demo storefront with the chat widget: ${sameHost(info.storefrontUrl)}`,
    `  Demo shop: ${info.shopDomain} (offline session installed; ${info.conversations} demo conversations)`,
    "",
    "  Stand-ins capturing outbound traffic:",
    ...Object.entries(info.standIns).map(([name, url]) => `    ${name.padEnd(18)} ${sameHost(url)}`),
    `  What they received (every SMS, email and Messenger/Instagram message): ${sameHost(info.outboxUrl)}`,
    "",
    `  Send a signed webhook like Shopify does (it goes to ${sameHost(info.url)}; see README, 'Try a webhook'):`,
    `    npm run webhook:send -- orders/create tests/fixtures/webhooks/orders-create.json`,
    "",
    "  Ctrl+C stops everything.",
    "",
  ];
}

export function printBanner(info: BannerInfo) {
  console.log(bannerLines(info).join("\n"));
}
