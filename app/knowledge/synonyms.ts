// A small thesaurus of shop-support vocabulary. Customers rarely use the article's own words
// ("coupon" for "discount code", "money back" for "refund"), and BM25 only sees shared lexemes.
// When the message contains a word of a group, the group's other words join the query as
// expansions: they can find the article but count for less than the customer's own words and
// never lower the confidence of a message that did not need them (see retrieve.server.ts).
// A group's first entry names it and is always expanded; its other phrases only trigger it.
// Generic on purpose: nothing here names a product or a policy of a particular shop. Groups hold
// words that mean the same thing, not merely related ones ("pay" would drag every question that
// mentions paying towards the payment-methods article).
import type { KnowledgeLocale } from "./contracts";
import { foldForMatching } from "./handoff-detectors";

const GROUPS: Record<KnowledgeLocale, string[][]> = {
  en: [
    ["refund", "refunds", "money back", "reimburse", "reimbursement", "refunded"],
    ["exchange", "exchanges", "replace", "replacement", "swap"],
    ["coupon", "coupons", "promo", "promo code", "discount code", "voucher", "discount"],
    ["shipping", "delivery", "postage", "deliver", "ship", "shipped", "delivered"],
    ["cost", "price", "fee", "fees", "charge", "how much"],
    ["sign up", "register", "registration", "create account", "account", "signup"],
    ["log in", "login", "sign in", "password"],
    [
      "unsubscribe",
      "opt out",
      "newsletter",
      "newsletters",
      "marketing emails",
      "mailing list",
      "stop getting",
      "stop receiving",
      "stop sending",
    ],
    [
      "subscription",
      "subscriptions",
      "subscribe",
      "auto ship",
      "autoship",
      "recurring order",
      "repeat delivery",
      "auto renew",
      "auto replenish",
    ],
    ["size", "sizes", "fit", "fits", "sizing", "size chart", "measurements"],
    ["wash", "washing", "laundry", "care", "dryer", "tumble dry", "clean"],
    ["fabric", "material", "materials", "made of", "made from", "cotton"],
    ["restock", "restocked", "back in stock", "sold out", "out of stock", "notify"],
    ["store", "physical store", "physical shop", "showroom", "brick and mortar", "in store", "location", "in person"],
    [
      "international",
      "internationally",
      "abroad",
      "overseas",
      "worldwide",
      "other countries",
      "another country",
      "foreign",
    ],
    [
      "damaged",
      "broken",
      "defective",
      "faulty",
      "torn",
      "ripped",
      "hole",
      "leaking",
      "leaked",
      "cracked",
      "smashed",
      "spilled",
      "dented",
    ],
    ["wrong", "incorrect", "different item", "not what i ordered"],
    ["gift card", "gift cards", "gift certificate", "gift voucher", "gift vouchers", "egift", "e gift"],
    ["gift", "gifts", "present", "presents"],
    ["colour", "colours", "color", "colors", "shade", "shades"],
    ["sample", "samples", "free sample", "free samples", "freebie", "freebies", "tester", "testers"],
    ["ingredients", "ingredient list", "what s in", "contains", "inci"],
    ["pregnant", "pregnancy", "expecting a baby"],
    ["balance", "left on", "remaining"],
    ["expire", "expires", "expiration", "expiry", "valid"],
    ["cancel", "cancellation", "cancelled", "canceled"],
    ["installments", "instalments", "pay later", "klarna", "afterpay", "split"],
    ["payment methods", "payment method", "payment options", "ways to pay", "payment types"],
    ["declined", "rejected", "failed", "doesn t go through", "won t go through"],
    ["points", "rewards", "loyalty"],
    ["hours", "opening hours", "business hours", "open"],
    ["wholesale", "bulk", "reseller", "stockist"],
    ["privacy", "personal data", "personal information", "secure", "security"],
    [
      "delete my account",
      "close my account",
      "remove my account",
      "delete account",
      "deactivate",
      "my data",
      "delete my data",
      "remove my data",
      "erase my data",
      "gdpr",
    ],
    ["tax", "taxes", "vat", "sales tax", "duties"],
    ["gift wrap", "gift wrapping", "wrapped", "wrap"],
  ],
  es: [
    ["devolver", "devolucion", "devoluciones", "regresar", "retornar", "de vuelta", "devolverlo", "devolverla"],
    [
      "reembolso",
      "reembolsos",
      "reembolsar",
      "devolver el dinero",
      "devolveis el dinero",
      "devuelven el dinero",
      "devolucion del dinero",
      "mi dinero",
      "reintegro",
    ],
    ["envio", "envios", "entrega", "llegar", "llega", "enviar", "enviais", "mandar", "mandais"],
    ["precio", "precios", "cuesta", "cuestan", "coste", "costo", "cobrar", "cobrais", "cobran", "tarifa", "gastos"],
    ["cancelar", "cancelacion", "anular", "dar de baja", "darme de baja"],
    ["descuento", "cupon", "codigo promocional", "codigo de descuento", "promocion"],
    ["talla", "tallas", "medidas", "guia de tallas"],
    ["pago", "pagar", "tarjeta", "paypal", "metodos de pago"],
    ["tarjeta de regalo", "tarjetas de regalo", "regalo"],
  ],
  fr: [
    [
      "livraison",
      "livrer",
      "livrez",
      "recevoir",
      "recois",
      "recoit",
      "recevrai",
      "colis",
      "delai",
      "delais",
      "expedition",
      "expediez",
    ],
    ["retour", "retourner", "renvoyer", "renvoi", "rendre"],
    ["rembourser", "remboursement", "rembourse", "remboursee"],
    ["frais", "prix", "coute", "coutent", "cout", "tarif", "tarifs"],
    ["annuler", "annulation", "resilier", "resiliation", "arreter", "desabonner"],
    ["code promo", "code de reduction", "reduction", "coupon", "bon de reduction", "remise"],
    ["paiement", "payer", "carte bancaire", "paypal", "moyens de paiement"],
    ["taille", "tailles", "mesures", "guide des tailles"],
    ["carte cadeau", "cartes cadeaux", "cadeau"],
  ],
};

const COMPILED = Object.fromEntries(
  Object.entries(GROUPS).map(([locale, groups]) => [
    locale,
    groups.map((words) => ({
      words,
      patterns: words.map((w) => new RegExp(`(?<![a-z0-9])${w.replace(/ /g, " +")}(?![a-z0-9])`)),
    })),
  ]),
) as Record<KnowledgeLocale, { words: string[]; patterns: RegExp[] }[]>;

/**
 * For every group the message touches: the group's words (as text for to_tsvector), and the
 * words the customer actually used from it ("money back"), which the thesaurus vouches for even
 * when no article contains them.
 */
export function synonymExpansion(locale: KnowledgeLocale, text: string): { expansion: string; matched: string } {
  const folded = foldForMatching(text);
  const extra: string[] = [];
  const matched: string[] = [];
  for (const group of COMPILED[locale]) {
    const hits = group.words.filter((_, i) => group.patterns[i]!.test(folded));
    if (hits.length === 0) continue;
    // Phrases only trigger a group: expanding "send back" would add "send" and "back", which say
    // nothing. The group's single words and its first entry (its name) are the expansion.
    extra.push(...group.words.filter((word, i) => i === 0 || !word.includes(" ")));
    matched.push(...hits);
  }
  return { expansion: extra.join(" . "), matched: matched.join(" . ") };
}
