// Threadline's web pixel (decision 0054): Shopify calls this in its strict sandbox; pixel.ts does
// the work so tests can run it against a fake API.
import { register } from "@shopify/web-pixels-extension";
import { startPixel } from "./pixel";

register((api) => {
  startPixel(api);
});
