// The app's web pixel on the stand-in's shop, as the 2026-10 Admin API answers for it:
// `webPixel` (no id: the calling app's pixel) answers a RESOURCE_NOT_FOUND error beside
// `webPixel: null` while there is none; webPixelCreate refuses a second pixel (TAKEN) and
// webPixelUpdate an unknown id (NOT_FOUND); both refuse settings that do not match
// extensions/web-pixel/shopify.extension.toml (INVALID_SETTINGS). Settings come back as a JSON
// string. One pixel per dataset; webPixelOf() lets tests read what the app configured.
import type { FakeShopDataset } from "./dataset";
import type { OperationAnswer, OperationContext } from "./operations";

export interface FakeWebPixel {
  id: string;
  settings: Record<string, string>;
}

const pixels = new WeakMap<FakeShopDataset, FakeWebPixel>();
let nextId = 1;

/** The pixel the app created on this dataset's shop, if any. */
export function webPixelOf(dataset: FakeShopDataset): FakeWebPixel | undefined {
  return pixels.get(dataset);
}

// The toml's [settings.fields]: both single_line_text_field with validation min 1.
const SETTING_FIELDS = ["appUrl", "shopKey"];

function readSettings(raw: unknown): Record<string, string> | "not_json" | "invalid" {
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      return "not_json";
    }
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return "invalid";
  const entries = Object.entries(value as Record<string, unknown>);
  const ok =
    entries.length === SETTING_FIELDS.length &&
    entries.every(([key, v]) => SETTING_FIELDS.includes(key) && typeof v === "string" && v.length >= 1);
  return ok ? (value as Record<string, string>) : "invalid";
}

const wire = (pixel: FakeWebPixel) => ({ id: pixel.id, settings: JSON.stringify(pixel.settings) });

function mutation(field: string, code: string, message: string, path: string[]): OperationAnswer {
  return { data: { [field]: { userErrors: [{ code, field: path, message }], webPixel: null } } };
}

function settingsProblem(field: string, settings: ReturnType<typeof readSettings>): OperationAnswer | null {
  if (settings === "not_json")
    return mutation(field, "INVALID_CONFIGURATION_JSON", "The provided settings is not a valid JSON.", [
      "webPixel",
      "settings",
    ]);
  if (settings === "invalid")
    return mutation(
      field,
      "INVALID_SETTINGS",
      "The provided settings does not match the expected settings definition on the app.",
      ["webPixel", "settings"],
    );
  return null;
}

export const WEB_PIXEL_OPERATIONS: Record<string, (ctx: OperationContext) => OperationAnswer> = {
  AppWebPixel: ({ dataset }) => {
    const pixel = pixels.get(dataset);
    if (pixel) return { data: { webPixel: wire(pixel) } };
    return {
      data: { webPixel: null },
      errors: [
        {
          message: "No web pixel was found for this app.",
          locations: [{ line: 2, column: 3 }],
          path: ["webPixel"],
          extensions: { code: "RESOURCE_NOT_FOUND" },
        },
      ],
    };
  },
  WebPixelCreate: ({ dataset, variables }) => {
    const input = (variables.webPixel ?? {}) as { settings?: unknown };
    const settings = readSettings(input.settings);
    const problem = settingsProblem("webPixelCreate", settings);
    if (problem) return problem;
    if (pixels.has(dataset)) return mutation("webPixelCreate", "TAKEN", "Web pixel is taken.", ["webPixel"]);
    const pixel = { id: `gid://shopify/WebPixel/${nextId++}`, settings: settings as Record<string, string> };
    pixels.set(dataset, pixel);
    return { data: { webPixelCreate: { userErrors: [], webPixel: wire(pixel) } } };
  },
  WebPixelUpdate: ({ dataset, variables }) => {
    const pixel = pixels.get(dataset);
    if (!pixel || pixel.id !== variables.id)
      return mutation(
        "webPixelUpdate",
        "NOT_FOUND",
        "The record with the ID used as the input value couldn't be found.",
        ["id"],
      );
    const input = (variables.webPixel ?? {}) as { settings?: unknown };
    const settings = readSettings(input.settings);
    const problem = settingsProblem("webPixelUpdate", settings);
    if (problem) return problem;
    pixel.settings = settings as Record<string, string>;
    return { data: { webPixelUpdate: { userErrors: [], webPixel: wire(pixel) } } };
  },
};
