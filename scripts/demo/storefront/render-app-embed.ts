// Renders the chat widget's real app embed block (extensions/chat-widget/blocks/chat-embed.liquid)
// the way a theme would: liquidjs with the Shopify filters the block uses (t from the extension's
// locales, asset_url, money, json), the block's settings at their schema defaults plus the
// merchant's overrides, and the storefront objects of the page being shown.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Liquid, Tag, type Context, type Emitter, type TagToken, type TopLevelToken } from "liquidjs";

const EXTENSION_DIR = resolve(import.meta.dirname, "../../../extensions/chat-widget");
const BLOCK_FILE = resolve(EXTENSION_DIR, "blocks/chat-embed.liquid");

type Translations = Record<string, unknown>;

function loadLocale(locale: string): Translations | null {
  for (const name of [`${locale}.json`, `${locale}.default.json`]) {
    try {
      return JSON.parse(readFileSync(resolve(EXTENSION_DIR, "locales", name), "utf8")) as Translations;
    } catch {
      // not this file name
    }
  }
  return null;
}

function lookup(tree: Translations | null, key: string): string | null {
  let node: unknown = tree;
  for (const part of key.split(".")) node = node && typeof node === "object" ? (node as Translations)[part] : undefined;
  return typeof node === "string" ? node : null;
}

/** The block's {% schema %} settings with their defaults, as the theme editor starts them. */
export function schemaDefaults(): Record<string, unknown> {
  const source = readFileSync(BLOCK_FILE, "utf8");
  const match = /{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/.exec(source);
  const schema = JSON.parse(match?.[1] ?? "{}") as { settings?: Array<{ id?: string; default?: unknown }> };
  return Object.fromEntries((schema.settings ?? []).filter((s) => s.id).map((s) => [s.id!, s.default ?? null]));
}

export interface StorefrontObjects {
  locale: string;
  currency: string;
  template: "index" | "product" | "collection" | "cart";
  product?: { id: number; title: string; price: number };
  collection?: { title: string };
  cart: { item_count: number; total_price: number };
  customer?: { id: number; first_name: string } | null;
  /** Shopify renders `'now' | date` in the shop's time zone. */
  utcOffsetMinutes?: number;
}

function moneyFormatter(locale: string, currency: string) {
  const format = new Intl.NumberFormat(locale, { style: "currency", currency });
  return (cents: unknown) => format.format(Number(cents ?? 0) / 100);
}

function engineFor(objects: StorefrontObjects, assetBase: string): Liquid {
  const engine = new Liquid({ timezoneOffset: -(objects.utcOffsetMinutes ?? 0) });
  const primary = loadLocale(objects.locale);
  const fallback = loadLocale("en");
  engine.registerFilter("t", (key: string) => lookup(primary, key) ?? lookup(fallback, key) ?? key);
  engine.registerFilter("asset_url", (name: string) => `${assetBase}/${name}`);
  engine.registerFilter("money", moneyFormatter(objects.locale, objects.currency));
  // The schema is read by the theme editor, not rendered.
  engine.registerTag(
    "schema",
    class extends Tag {
      constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
        super(token, remain, liquid);
        while (remain.length) {
          const next = remain.shift()!;
          if ("name" in next && (next as TagToken).name === "endschema") return;
        }
      }
      *render(_ctx: Context, _emitter: Emitter) {}
    },
  );
  return engine;
}

export function renderAppEmbed(
  objects: StorefrontObjects,
  settings: Record<string, unknown>,
  assetBase: string,
): string {
  const engine = engineFor(objects, assetBase);
  return engine.parseAndRenderSync(readFileSync(BLOCK_FILE, "utf8"), {
    block: { settings: { ...schemaDefaults(), ...settings } },
    request: { locale: { iso_code: objects.locale } },
    routes: { root_url: "/" },
    template: { name: objects.template },
    product: objects.product ?? null,
    collection: objects.collection ?? null,
    cart: objects.cart,
    customer: objects.customer ?? null,
  });
}
