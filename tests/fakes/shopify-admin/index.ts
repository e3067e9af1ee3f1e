export {
  startFakeShopifyAdmin,
  FAKE_API_VERSION,
  type FakeShopifyAdmin,
  type FakeShopifyAdminOptions,
  type CapturedRequest,
} from "./server";
export { generateShopDataset, type GenerateShopDatasetOptions } from "./generate-dataset";
export * from "./dataset";
export { seedOfflineSession } from "./seed-session";
export { webPixelOf, type FakeWebPixel } from "./web-pixels";
export { discountsOf, type FakeCodeDiscount } from "./discounts";
export { answerTokenExchange, type FakeShopifyUser, type TokenExchangeSettings } from "./token-exchange";
