// Shopify ids are 64-bit and its REST payloads carry them as bare JSON numbers
// (820982911946154508). A JavaScript number holds integers exactly only up to 2^53, so plain
// JSON.parse would turn that id into 820982911946154500: another order, another customer.
// Every webhook body is therefore read through here, at intake and again when its stored receipt
// is processed: an integer beyond the safe range keeps its exact digits as a string, which the
// mappers' id schema (restId) turns into a BigInt. Smaller numbers stay numbers.

type SourceReviver = (key: string, value: unknown, context?: { source?: string }) => unknown;

/** Thrown when this Node cannot show the reviver the source text (before Node 21). */
export class ExactJsonUnsupportedError extends Error {
  constructor() {
    super("this Node cannot read 64-bit ids exactly (JSON.parse source text needs Node 22)");
    this.name = "ExactJsonUnsupportedError";
  }
}

const keepUnsafeIntegerDigits: SourceReviver = (_key, value, context) => {
  if (typeof value !== "number" || Number.isSafeInteger(value)) return value;
  const source = context?.source;
  // Rounding silently is the one outcome we refuse: without the source text, fail loudly.
  if (source === undefined) {
    if (Number.isInteger(value)) throw new ExactJsonUnsupportedError();
    return value;
  }
  return /^-?\d+$/.test(source) ? source : value;
};

/** JSON.parse that keeps integers beyond Number.MAX_SAFE_INTEGER as their exact digits (a string). */
export function parseExactJson(text: string): unknown {
  return JSON.parse(text, keepUnsafeIntegerDigits as (key: string, value: unknown) => unknown);
}
