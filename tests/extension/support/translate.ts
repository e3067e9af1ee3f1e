// shopify.i18n for tests, built from the extension's own locale file: `{{name}}` replacements and
// `count` plurals as the admin does them. A key missing from the file throws, so every string the
// block shows is proven to exist in en.default.json.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BlockI18n } from "../../../extensions/order-conversation/src/i18n";

type Tree = { [key: string]: string | Tree };

const localeFile = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../../extensions/order-conversation/locales/en.default.json",
);

export function englishI18n(): BlockI18n {
  const locale = JSON.parse(readFileSync(localeFile, "utf8")) as Tree;
  const translate = (key: string, options: Record<string, string | number> = {}): string => {
    let value: string | Tree | undefined = key
      .split(".")
      .reduce<string | Tree | undefined>(
        (node, part) => (node && typeof node === "object" ? node[part] : undefined),
        locale,
      );
    if (value && typeof value === "object" && "count" in options) {
      value = value[new Intl.PluralRules("en").select(Number(options.count))] ?? value.other;
    }
    if (typeof value !== "string") throw new Error(`No English text for "${key}"`);
    return value.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name]));
  };
  return {
    translate: translate as BlockI18n["translate"],
    formatDate: (date, options) => new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" }).format(date),
  };
}
