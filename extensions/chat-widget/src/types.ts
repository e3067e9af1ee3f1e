// The shapes the widget shares with the app proxy routes (see the server contract in
// app/routes/proxy.chat.*) and with the JSON config that blocks/chat-embed.liquid renders.
// What the routes accept and answer is typed from the server's own declarations so the two cannot
// drift apart (type-only imports: esbuild erases them, no server code reaches the bundle).
import type { VisitorPage } from "../../../app/chat/visitor-page.server";
import type en from "../locales/en.default.json";

export type Texts = (typeof en)["chat"];

/** The page the shopper is on, as POST /chat/page and /chat/messages accept it. */
export type Page = VisitorPage;
export type PageType = Page["type"];

/** A message as the proxy routes answer it. */
export type { ChatMessageJson as ChatMessage } from "../../../app/chat/chat-api.server";

/** The history answer's `csat`: the visitor's satisfaction survey (app/csat/chat-survey.server.ts). */
export type { ChatCsatJson as ChatCsat } from "../../../app/csat/chat-survey.server";

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
