// The Analytics page's marketing section rendered on the server, as its first paint: the markup and
// its text with tags and runs of spaces collapsed, for tests to read.
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router-dom";
import { MarketingKpisSection } from "../../app/components/kpis/MarketingKpisSection";

type SectionData = Parameters<typeof MarketingKpisSection>[0]["data"];

export function renderMarketingSection(data: SectionData): { html: string; text: string } {
  const html = renderToStaticMarkup(
    createElement(
      MemoryRouter,
      null,
      createElement(
        AppProvider,
        { i18n: en },
        createElement(MarketingKpisSection, { data, format: { currency: "USD", timeZone: "UTC", locale: "en" } }),
      ),
    ),
  );
  return { html, text: html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ") };
}
