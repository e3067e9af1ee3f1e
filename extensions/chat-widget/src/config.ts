import en from "../locales/en.default.json";
import type { WidgetConfig } from "./types";

export const CONFIG_ELEMENT_ID = "threadline-chat-config";

const DEFAULTS: WidgetConfig = {
  proxyBase: "/apps/threadline",
  accentColor: "#1f6feb",
  position: "right",
  greeting: "",
  businessHours: { enabled: false, days: [], open: "09:00", close: "17:00", utcOffset: "+0000" },
  askEmailWhenOffline: false,
  customerLoggedIn: false,
  locale: "en",
  texts: en.chat,
  page: {},
};

/**
 * Completes a partial config with defaults. Texts fall back key by key to the bundled English,
 * so a locale missing a key (or a theme that renders an old block) still shows words.
 */
export function withDefaults(partial: Partial<WidgetConfig>): WidgetConfig {
  const config = { ...DEFAULTS, ...partial };
  config.businessHours = { ...DEFAULTS.businessHours, ...partial.businessHours };
  config.texts = { ...en.chat };
  for (const [key, value] of Object.entries(partial.texts ?? {})) {
    // Shopify renders a missing translation as "translation missing: …"; keep English then.
    if (typeof value === "string" && value && !value.startsWith("translation missing")) {
      config.texts[key as keyof WidgetConfig["texts"]] = value;
    }
  }
  if (!config.greeting) config.greeting = config.texts.greeting;
  return config;
}

/** Reads the JSON the app embed block rendered; null when the block is absent or broken. */
export function readConfig(doc: Document): WidgetConfig | null {
  const element = doc.getElementById(CONFIG_ELEMENT_ID);
  if (!element?.textContent) return null;
  try {
    return withDefaults(JSON.parse(element.textContent) as Partial<WidgetConfig>);
  } catch {
    return null;
  }
}
