// A small thesaurus of shop-support vocabulary. Customers rarely use the article's own words
// ("coupon" for "discount code", "money back" for "refund"), and BM25 only sees shared lexemes.
// When the message contains a word of a group, the group's other words join the query as
// expansions: they can find the article but count for less than the customer's own words and
// never lower the confidence of a message that did not need them (see retrieve.server.ts).
// Generic on purpose: nothing here names a product or a policy of a particular shop. Groups hold
// words that mean the same thing, not merely related ones ("pay" would drag every question that
// mentions paying towards the payment-methods article).
import type { KnowledgeLocale } from "./contracts";
import { foldForMatching } from "./handoff-detectors";

const GROUPS: Record<KnowledgeLocale, string[][]> = {
  en: [
    ["refund", "refunds", "money back", "reimburse", "reimbursement", "refunded"],
    ["exchange", "exchanges", "replace", "replacement"],
    ["coupon", "coupons", "promo", "promo code", "discount code", "voucher", "discount"],
    ["shipping", "delivery", "postage", "deliver", "ship", "shipped", "delivered"],
    ["cost", "price", "fee", "fees", "charge", "how much"],
    ["sign up", "register", "registration", "create account", "account", "signup"],
    ["log in", "login", "sign in", "password"],
    ["unsubscribe", "opt out", "newsletter", "marketing emails"],
    ["size", "sizes", "fit", "fits", "sizing", "size chart", "measurements"],
    ["wash", "washing", "laundry", "care", "dryer", "tumble dry", "clean"],
    ["fabric", "material", "materials", "made of", "made from", "cotton"],
    ["restock", "restocked", "back in stock", "sold out", "out of stock", "notify"],
    ["store", "physical store", "location", "in person"],
    ["international", "internationally", "abroad", "overseas", "worldwide"],
    ["damaged", "broken", "defective", "faulty", "torn", "ripped", "hole"],
    ["wrong", "incorrect", "different item", "not what i ordered"],
    ["gift card", "gift cards", "gift certificate", "egift"],
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
    ["tax", "taxes", "vat", "sales tax", "duties"],
    ["gift wrap", "gift wrapping", "wrapped", "wrap"],
  ],
  es: [
    ["devolver", "devolucion", "devoluciones", "reembolso", "regresar"],
    ["envio", "entrega", "llegar", "llega", "enviar", "tarda"],
    ["talla", "tallas", "medidas", "guia de tallas"],
    ["pago", "pagar", "tarjeta", "paypal", "metodos de pago"],
    ["tarjeta de regalo", "tarjetas de regalo", "regalo"],
  ],
  fr: [
    ["livraison", "livrer", "recevoir", "colis", "delai", "delais", "expedition"],
    ["retour", "retourner", "rembourser", "remboursement", "renvoyer"],
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
    extra.push(...group.words);
    matched.push(...hits);
  }
  return { expansion: extra.join(" . "), matched: matched.join(" . ") };
}
