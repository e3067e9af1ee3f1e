// @vitest-environment happy-dom
// Renders the app embed block with liquidjs, the way the demo storefront does (asset_url, t,
// money and json filters, a no-op schema tag), and mounts the widget from what it rendered.
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Liquid, type TagToken, type TopLevelToken } from "liquidjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readConfig } from "../../extensions/chat-widget/src/config";
import { mountWidget, type WidgetHandle } from "../../extensions/chat-widget/src/widget";
import { fakeProxy, memoryStore } from "./fake-proxy";

const extension = resolve(import.meta.dirname, "../../extensions/chat-widget");
const source = readFileSync(resolve(extension, "blocks/chat-embed.liquid"), "utf8");
const readJson = (file: string) => JSON.parse(readFileSync(resolve(extension, file), "utf8"));

function lookup(tree: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

function engine(locale: string) {
  const liquid = new Liquid();
  const texts = readJson(`locales/${locale === "en" ? "en.default" : locale}.json`);
  liquid.registerFilter("t", (key: string) => lookup(texts, key) ?? `translation missing: ${locale}.${key}`);
  liquid.registerFilter("asset_url", (file: string) => `/cdn/extensions/threadline/assets/${file}`);
  liquid.registerFilter("money", (cents: number) => `$${(cents / 100).toFixed(2)}`);
  liquid.registerFilter("json", (value: unknown) => JSON.stringify(value));
  liquid.registerTag("schema", {
    parse(_token: TagToken, remainTokens: TopLevelToken[]) {
      while (remainTokens.length && (remainTokens.shift() as TagToken).name !== "endschema");
    },
    render: () => "",
  });
  return liquid;
}

const defaults = Object.fromEntries(
  (
    JSON.parse(/{% schema %}([\s\S]*){% endschema %}/.exec(source)![1]!).settings as {
      id?: string;
      default?: unknown;
    }[]
  )
    .filter((s) => s.id)
    .map((s) => [s.id, s.default]),
);

async function render(locale: string, context: Record<string, unknown>) {
  return engine(locale).parseAndRender(source, {
    request: { locale: { iso_code: locale } },
    template: { name: "index" },
    ...context,
    block: { settings: { ...defaults, ...(context.block as { settings?: object })?.settings } },
  });
}

function configOf(html: string) {
  const json = /<script type="application\/json" id="threadline-chat-config">([\s\S]*?)<\/script>/.exec(html)![1]!;
  return JSON.parse(json);
}

const mounted: WidgetHandle[] = [];
afterEach(() => {
  for (const handle of mounted.splice(0)) handle.destroy();
  document.body.textContent = "";
});

describe("chat embed block", () => {
  it("renders the merchant's settings, the storefront language's texts and the product page as JSON", async () => {
    const html = await render("es", {
      template: { name: "product" },
      product: { id: 7001, title: "Taza azul", price: 1999 },
      cart: { item_count: 1, total_price: 1999 },
      customer: { id: 5 },
      block: {
        settings: {
          accent_color: "#ff6600",
          position: "left",
          hours_enabled: true,
          open_saturday: true,
          opens_at: "10:00",
          closes_at: "18:30",
        },
      },
    });

    const config = configOf(html);
    expect(config).toMatchObject({
      proxyBase: "/apps/threadline",
      accentColor: "#ff6600",
      position: "left",
      greeting: "¡Hola! ¿En qué podemos ayudarte hoy?",
      businessHours: { enabled: true, days: [1, 2, 3, 4, 5, 6], open: "10:00", close: "18:30" },
      askEmailWhenOffline: true,
      customerLoggedIn: true,
      locale: "es",
      page: {
        template: "product",
        product: { id: "7001", title: "Taza azul", price: "$19.99" },
        cart: { itemCount: 1, total: "$19.99" },
      },
    });
    expect(config.businessHours.utcOffset).toMatch(/^[+-]\d{4}$/);
    expect(config.texts.send).toBe("Enviar");
    expect(html).toContain('<script src="/cdn/extensions/threadline/assets/chat-widget.js" defer></script>');
  });

  it("keeps a title containing </script> inside the JSON", async () => {
    const title = `Mug </script><script>alert(1)</script>`;
    const html = await render("en", { template: { name: "product" }, product: { id: 1, title, price: 500 } });

    expect(html.match(/<script/g)).toHaveLength(2);
    expect(configOf(html).page.product.title).toBe(title);
  });

  it("mounts the widget from the rendered config, in the storefront's language", async () => {
    const html = await render("fr", { block: { settings: { greeting: "Bienvenue chez nous" } } });
    // Only the config: happy-dom does not load scripts, and the bundle is mounted directly below.
    document.body.innerHTML = html.replace(/<script src=[^>]*><\/script>/, "");
    const handle = mountWidget(readConfig(document)!, { fetch: fakeProxy().fetch, store: memoryStore() });
    mounted.push(handle);

    const launcher = handle.root.querySelector("button.launcher")!;
    expect(launcher.getAttribute("aria-label")).toBe("Ouvrir le chat");
    expect(handle.root.querySelector("[role=dialog]")!.getAttribute("aria-label")).toBe("Discutez avec nous");
    expect(handle.root.querySelector("li")!.textContent).toBe("BoutiqueBienvenue chez nous");
  });

  it("the bundle entry mounts once from the page's config, even when loaded twice", async () => {
    const html = await render("en", {});
    document.body.innerHTML = html.replace(/<script src=[^>]*><\/script>/, "");

    await import("../../extensions/chat-widget/src/main");
    vi.resetModules();
    await import("../../extensions/chat-widget/src/main");

    const hosts = document.querySelectorAll("#threadline-chat");
    expect(hosts).toHaveLength(1);
    expect(hosts[0]!.shadowRoot!.querySelector("button.launcher")!.getAttribute("aria-label")).toBe("Open chat");
  });

  it("ships only what Shopify accepts in a theme app extension; the TypeScript source is ignored", () => {
    // Mirrors @shopify/cli's pre-deploy check: files one level down, minus .shopifyignore's "dir/**" lines.
    const ignored = readFileSync(resolve(extension, ".shopifyignore"), "utf8")
      .split("\n")
      .filter((line) => line.trim() && !line.startsWith("#"))
      .map((line) => line.trim().replace(/\/\*\*$/, ""));
    const allowed: Record<string, RegExp> = {
      assets: /\.(jpe?g|json|js|css|png|svg|wasm)$/,
      blocks: /\.liquid$/,
      locales: /\.json$/,
      snippets: /\.liquid$/,
    };
    const shipped = readdirSync(extension, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !ignored.includes(entry.name))
      .flatMap((dir) => readdirSync(resolve(extension, dir.name)).map((file) => `${dir.name}/${file}`));

    expect(ignored).toContain("src");
    expect(shipped.filter((file) => !allowed[file.split("/")[0]!]?.test(file))).toEqual([]);
    expect(shipped).toEqual(expect.arrayContaining(["blocks/chat-embed.liquid", "locales/en.default.json"]));
  });

  it("has every text and setting label in every locale", () => {
    const used = [...source.matchAll(/'(chat\.\w+)' \| t/g)].map((m) => m[1]!);
    for (const locale of ["en.default", "es", "fr"]) {
      const texts = readJson(`locales/${locale}.json`);
      expect(used.filter((key) => typeof lookup(texts, key) !== "string")).toEqual([]);
    }
    const schemaTexts = readJson("locales/en.default.schema.json");
    const labels = [...source.matchAll(/"t:([\w.]+)"/g)].map((m) => m[1]!);
    expect(labels.filter((key) => typeof lookup(schemaTexts, key) !== "string")).toEqual([]);
  });
});
