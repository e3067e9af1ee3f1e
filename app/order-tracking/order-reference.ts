// What a customer's message says about which order is theirs: an order number, the email address
// and/or the postcode used for the order. Pure. Labelled values ("order 1001", "zip 90210",
// "código postal 28013") win; bare values are read in the order we ask for them (number first,
// then postcode), because that is how people answer "the order number and the postcode".

export interface OrderReference {
  /** Digits only ("1001" for "#1001"). */
  orderNumber: string | null;
  /** Lower case. */
  email: string | null;
  /** As written; compare with postcodesMatch. */
  postcode: string | null;
}

const EMAIL = /[a-z0-9._%+'-]+@[a-z0-9.-]+\.[a-z]{2,}/i;

// "order", "order number", "order no.", "pedido", "número de pedido", "commande n°",
// "numéro de commande", optionally followed by "is", "es", "est", ":" or "#".
const ORDER_LABEL =
  /(?:\b(?:order|orden|pedido|commande|cmd)(?:\s+(?:number|n[uú]m(?:ero|éro|ber)?\.?|no\.?|nº|n°|nr\.?|n\.?|id))?|\b(?:n[uú]mero|num[eé]ro)\s+(?:de\s+)?(?:pedido|orden|commande))(?:\s*[:#]|\s+(?:is|es|est|was|era|était))*\s*#?\s*(\d{3,12})\b/iu;
const HASH_NUMBER = /(?:^|[^\w&])#\s?(\d{3,12})\b/u;

const POSTCODE_LABEL =
  /\b(?:zip(?:\s*code)?|post(?:al)?\s*code|postcode|c[oó]digo\s+postal|code\s+postal|cp|c\.p\.)(?:\s*[:#]|\s+(?:is|es|est))*\s*([a-z0-9][a-z0-9 -]{1,9}[a-z0-9])\b/iu;

// Formats recognised without a label. Four-digit codes (AU, BE, CH, DK, NL…) need one: bare,
// they look like order numbers.
const UK = /\b([A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})\b/i;
const CANADA = /\b([A-Z]\d[A-Z][\s-]?\d[A-Z]\d)\b/i;
const US_ZIP4 = /\b(\d{5}-\d{4})\b/;
const FIVE_DIGITS = /\b(\d{5})\b/g;
const BARE_NUMBER = /(?<![\d+])\b(\d{3,8})\b(?![\d-])/g;

/** Upper case, without spaces or dashes: "sw1a 1aa" → "SW1A1AA". */
export function normalizePostcode(postcode: string): string {
  return postcode.toUpperCase().replace(/[\s-]+/g, "");
}

/** Same postcode, also when one side is a US ZIP+4 and the other its five-digit ZIP. */
export function postcodesMatch(given: string, onOrder: string | null | undefined): boolean {
  if (!onOrder) return false;
  const a = normalizePostcode(given);
  const b = normalizePostcode(onOrder);
  if (!a || !b) return false;
  if (a === b) return true;
  const zip = /^\d{5}(\d{4})?$/;
  return zip.test(a) && zip.test(b) && a.slice(0, 5) === b.slice(0, 5) && (a.length === 5 || b.length === 5);
}

/** Digits of an order name or a number the customer wrote: "#1001" → "1001". */
export function orderNumberOf(name: string): string {
  return name.replace(/\D+/g, "");
}

function cut(text: string, match: RegExpExecArray | null): string {
  if (!match) return text;
  return text.slice(0, match.index) + " ".repeat(match[0].length) + text.slice(match.index + match[0].length);
}

export function extractOrderReference(input: string): OrderReference {
  let text = input.slice(0, 4000);
  const emailMatch = EMAIL.exec(text);
  const email = emailMatch ? emailMatch[0].toLowerCase() : null;
  text = cut(text, emailMatch);

  let orderNumber: string | null = null;
  const labelled = ORDER_LABEL.exec(text) ?? HASH_NUMBER.exec(text);
  if (labelled) {
    orderNumber = labelled[1]!;
    text = cut(text, labelled);
  }

  let postcode: string | null = null;
  const labelledPostcode = POSTCODE_LABEL.exec(text);
  if (labelledPostcode) {
    postcode = labelledPostcode[1]!.trim();
    text = cut(text, labelledPostcode);
  }
  if (!postcode) {
    for (const pattern of [US_ZIP4, UK, CANADA]) {
      const m = pattern.exec(text);
      // "order 1001" has been cut already, so a UK-looking token here is not an order word.
      if (m && /\d/.test(m[1]!) && /[a-z]/i.test(m[1]!) === (pattern !== US_ZIP4)) {
        postcode = m[1]!;
        text = cut(text, m);
        break;
      }
    }
  }

  const bare = [...text.matchAll(BARE_NUMBER)].map((m) => m[1]!);
  // A lone bare number is as likely a year or a quantity as an order number; next to an email,
  // a postcode or a second number it is the answer to our question.
  const answersQuestion = email !== null || postcode !== null || bare.length >= 2;
  if (!orderNumber && answersQuestion && bare.length > 0) orderNumber = bare.shift()!;
  if (!postcode) {
    const five = [...bare.join(" ").matchAll(FIVE_DIGITS)].map((m) => m[1]!);
    if (five.length > 0) postcode = five[0]!;
  }
  return { orderNumber, email, postcode };
}

/** Enough to check an order: its number and something only the buyer knows. */
export function isCompleteReference(ref: OrderReference): boolean {
  return ref.orderNumber !== null && (ref.email !== null || ref.postcode !== null);
}

/** The message with the references blanked out, to judge the language of what is left. */
export function withoutReferences(input: string): string {
  return input
    .replace(new RegExp(EMAIL.source, "gi"), " ")
    .replace(/#?\d[\d\s-]*/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
