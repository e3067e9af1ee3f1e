import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { config } from "./config.server";
import { db } from "./db/client.server";
import { onShopInstalled } from "./shopify/install.server";
import { EncryptedSessionStorage } from "./shopify/encrypted-session-storage.server";
import { routeShopifyOAuthToStandIn } from "./shopify/oauth-fetch.server";

export const SHOPIFY_API_VERSION = ApiVersion.October26;

const settings = config();
routeShopifyOAuthToStandIn();

const shopify = shopifyApp({
  apiKey: settings.SHOPIFY_API_KEY,
  apiSecretKey: settings.SHOPIFY_API_SECRET,
  apiVersion: SHOPIFY_API_VERSION,
  scopes: settings.SCOPES.split(",").map((s) => s.trim()),
  appUrl: settings.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  // The storage package is typed against the classic client; both share one runtime.
  sessionStorage: new EncryptedSessionStorage(
    new PrismaSessionStorage(db() as unknown as ConstructorParameters<typeof PrismaSessionStorage>[0]),
  ),
  distribution: AppDistribution.AppStore,
  future: { unstable_newEmbeddedAuthStrategy: true, expiringOfflineAccessTokens: true },
  hooks: {
    afterAuth: async ({ session }) => {
      await onShopInstalled(session);
    },
  },
});

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const sessionStorage = shopify.sessionStorage;
