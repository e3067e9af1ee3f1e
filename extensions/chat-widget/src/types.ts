// The shapes the widget shares with the app proxy routes (see the server contract in
// app/routes/proxy.chat.*) and with the JSON config that blocks/chat-embed.liquid renders.
import type en from "../locales/en.default.json";

export type Texts = (typeof en)["chat"];

export type PageType = "product" | "collection" | "cart" | "search" | "home" | "other";

export interface Page {
  url: string;
  type: PageType;
  title?: string;
  product?: { id?: string; title: string; price?: string };
  collection?: { title: string };
  cart?: { itemCount: number; total?: string };
}

export interface ChatMessage {
  id: string;
  direction: "inbound" | "outbound";
  author: "customer" | "staff" | "shop";
  authorName: string | null;
  text: string;
  createdAt: string;
  cursor: string;
}

export interface BusinessHours {
  enabled: boolean;
  /** Weekdays the shop is open, 0 = Sunday. */
  days: number[];
  /** "HH:MM" in the shop's time zone. */
  open: string;
  close: string;
  /** The shop's offset from UTC when the page was rendered, e.g. "+0100" or "-05:00". */
  utcOffset: string;
}

/** What Liquid knows about the page; the widget adds the URL and document title itself. */
export interface PageFacts {
  template?: string;
  product?: { id?: string | number; title: string; price?: string };
  collection?: { title: string };
  cart?: { itemCount: number; total?: string };
}

export interface WidgetConfig {
  proxyBase: string;
  accentColor: string;
  position: "right" | "left";
  greeting: string;
  businessHours: BusinessHours;
  askEmailWhenOffline: boolean;
  customerLoggedIn: boolean;
  locale: string;
  texts: Texts;
  page: PageFacts;
}
