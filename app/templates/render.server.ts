// Renders merchant-edited Liquid (liquidjs) into the plain text of a message. One
// engine per process, locked down: no file system (include/render/layout find
// nothing), only own properties of the context are readable, unknown filters are
// errors, and parse size, render time and allocations are capped so that a
// hostile or careless template fails fast instead of hanging a worker.
// Output is plain text (SMS, WhatsApp, the text part of an email); nothing here
// produces or executes HTML.
import { Liquid, LiquidError } from "liquidjs";
import type { Context } from "liquidjs";

/** What liquidjs binds `this` to in a filter (its FilterImpl type is not exported). */
interface FilterImpl {
  context: Context;
}

export interface TemplateError {
  message: string;
  line?: number;
  column?: number;
}

export type RenderLiquidResult = { ok: true; output: string } | { ok: false; error: TemplateError };

export type RenderMessageResult =
  { ok: true; subject: string | null; body: string } | { ok: false; field: "subject" | "body"; error: TemplateError };

export const LIQUID_LIMITS = {
  /** Characters of template source parsed per render. */
  parseLimit: 100_000,
  /** Milliseconds of render time per render. */
  renderLimit: 1_000,
  /** liquidjs allocation units (string/array sizes) per render. */
  memoryLimit: 10_000_000,
} as const;

/** Upper bound on a rendered field; anything longer is certainly a broken template. */
const MAX_OUTPUT_CHARS = 100_000;

function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : null;
  }
  if (value && typeof value === "object" && "toString" in value) {
    // Prisma Decimal and similar.
    const n = Number(String(value));
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function lookup(impl: FilterImpl, path: string[]): unknown {
  try {
    return impl.context.getSync(path);
  } catch {
    return undefined;
  }
}

/**
 * `{{ amount | money }}` → "$12.50" / "12,50 €". Amounts are in major units (Shopify's
 * REST "12.50" strings), not cents. The currency is the filter's argument, else the
 * context's top-level `currency`, else `shop.currency`, else USD; the number format
 * follows the context's top-level `locale`.
 */
export function formatMoney(amount: unknown, currency?: string | null, locale?: string | null): string {
  const n = toNumber(amount);
  if (n === null) return amount == null ? "" : String(amount);
  const code = (currency || "USD").toUpperCase();
  try {
    return new Intl.NumberFormat(locale || "en", { style: "currency", currency: code }).format(n);
  } catch {
    try {
      return new Intl.NumberFormat("en", { style: "currency", currency: code }).format(n);
    } catch {
      return `${n.toFixed(2)} ${code}`;
    }
  }
}

function createEngine(): Liquid {
  const engine = new Liquid({
    strictFilters: true,
    strictVariables: false,
    ownPropertyOnly: true,
    // An in-memory (empty) template map: include/render/layout can never read the disk.
    templates: {},
    dynamicPartials: false,
    jsTruthy: false,
    timezoneOffset: 0,
    ...LIQUID_LIMITS,
  });
  engine.registerFilter("money", function (this: FilterImpl, amount: unknown, currency?: unknown) {
    const code =
      (typeof currency === "string" && currency) ||
      (lookup(this, ["currency"]) as string | undefined) ||
      (lookup(this, ["shop", "currency"]) as string | undefined) ||
      "USD";
    const locale = lookup(this, ["locale"]) as string | undefined;
    return formatMoney(amount, code, typeof locale === "string" ? locale : null);
  });
  engine.registerFilter("money_without_currency", (amount: unknown) => {
    const n = toNumber(amount);
    return n === null ? (amount == null ? "" : String(amount)) : n.toFixed(2);
  });
  return engine;
}

const globalForLiquid = globalThis as unknown as { threadlineLiquid?: Liquid };

function engine(): Liquid {
  globalForLiquid.threadlineLiquid ??= createEngine();
  return globalForLiquid.threadlineLiquid;
}

// A campaign renders the same source for every recipient and a flow for every run: parsing it once
// and rendering the parsed form again is what liquidjs supports (parsed templates are immutable).
const PARSED_CACHE_SIZE = 500;
const parsedTemplates = new Map<string, ReturnType<Liquid["parse"]>>();

function parseOnce(liquid: Liquid, source: string): ReturnType<Liquid["parse"]> {
  const cached = parsedTemplates.get(source);
  if (cached) return cached;
  const parsed = liquid.parse(source);
  if (parsedTemplates.size >= PARSED_CACHE_SIZE) parsedTemplates.delete(parsedTemplates.keys().next().value!);
  parsedTemplates.set(source, parsed);
  return parsed;
}

const POSITION_SUFFIX = /, line:\d+, col:\d+$/;

/** A liquidjs error (or anything thrown) as a message with the template position, when known. */
export function toTemplateError(error: unknown): TemplateError {
  if (error instanceof LiquidError || LiquidError.is(error)) {
    const liquidError = error as LiquidError;
    const original = liquidError.originalError;
    const rawMessage = (original?.message || liquidError.message || "Template error").replace(POSITION_SUFFIX, "");
    let line: number | undefined;
    let column: number | undefined;
    try {
      const position = liquidError.token?.getPosition?.();
      if (position) [line, column] = position;
    } catch {
      // no position available
    }
    const message = rawMessage.startsWith("ENOENT")
      ? "include, render and layout are not available in message templates"
      : rawMessage;
    return { message, line, column };
  }
  if (error instanceof Error) return { message: error.message };
  return { message: String(error) };
}

export async function renderLiquid(source: string, context: object): Promise<RenderLiquidResult> {
  if (source.length > LIQUID_LIMITS.parseLimit) {
    return { ok: false, error: { message: `Template is too long (over ${LIQUID_LIMITS.parseLimit} characters)` } };
  }
  try {
    const liquid = engine();
    const templates = parseOnce(liquid, source);
    const output = String(await liquid.render(templates, context));
    if (output.length > MAX_OUTPUT_CHARS) {
      return { ok: false, error: { message: `Rendered text is too long (over ${MAX_OUTPUT_CHARS} characters)` } };
    }
    return { ok: true, output };
  } catch (error) {
    return { ok: false, error: toTemplateError(error) };
  }
}

/** Trims the blank lines Liquid tags leave behind at either end and collapses runs of 3+ newlines. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Renders a template's subject (when it has one) and body. The subject becomes a single
 * line; both are trimmed of the blank lines Liquid tags leave behind.
 */
export async function renderMessage(
  template: { subject?: string | null; body: string },
  context: object,
): Promise<RenderMessageResult> {
  let subject: string | null = null;
  if (template.subject != null && template.subject !== "") {
    const rendered = await renderLiquid(template.subject, context);
    if (!rendered.ok) return { ok: false, field: "subject", error: rendered.error };
    subject = rendered.output.replace(/\s+/g, " ").trim();
  }
  const body = await renderLiquid(template.body, context);
  if (!body.ok) return { ok: false, field: "body", error: body.error };
  return { ok: true, subject, body: tidy(body.output) };
}
