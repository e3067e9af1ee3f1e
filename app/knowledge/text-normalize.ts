// Text normalisation shared by indexing and retrieval. Both sides must agree exactly: customers
// type "donde esta mi pedido" as often as "dónde está mi pedido", and PostgreSQL's Snowball
// stemmers (without the unaccent extension, which PGlite and the server may lack) treat the two
// spellings as different words. So accents are folded in the app before any to_tsvector call.
import type { KnowledgeLocale } from "./contracts";

export const TS_CONFIG: Record<KnowledgeLocale, "english" | "spanish" | "french"> = {
  en: "english",
  es: "spanish",
  fr: "french",
};

export function isKnowledgeLocale(value: unknown): value is KnowledgeLocale {
  return value === "en" || value === "es" || value === "fr";
}

/** The article's locale as one of ours; anything unknown is indexed as English. */
export function knowledgeLocale(value: string | null | undefined): KnowledgeLocale {
  return isKnowledgeLocale(value) ? value : "en";
}

/**
 * Lower case, accents folded, typographic apostrophes made plain, hyphens spaced: PostgreSQL's
 * parser would otherwise index "vendez-vous" as an extra compound lexeme that only the exact
 * same spelling matches (and counts twice when it does). Then the spellings customers type
 * without thinking are written the usual way (see `respell`), so that the detectors' phrases and
 * the stemmer see "hasn't", "received" and "address" whichever way they were typed.
 */
export function foldAccents(text: string): string {
  return respell(
    text
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      .replace(/[\u2018\u2019\u02bc`´]/g, "'")
      .replace(/[-\u2010-\u2015]/g, " ")
      .toLowerCase(),
  );
}

// Whole-word respellings, all three languages at once (a word listed here is not a word in the
// other two). Only unambiguous forms: "its", "were", "ill", "well", "id", "wed" are real words
// and stay as typed. Generic on purpose: the usual missing apostrophes, texting shorthand and
// the most common misspellings of shop-support words, never a product or a shop's own term.
const RESPELL: Record<string, string> = {
  // English contractions typed without the apostrophe
  dont: "don't",
  doesnt: "doesn't",
  didnt: "didn't",
  cant: "can't",
  wont: "won't",
  isnt: "isn't",
  arent: "aren't",
  wasnt: "wasn't",
  werent: "weren't",
  hasnt: "hasn't",
  havent: "haven't",
  hadnt: "hadn't",
  couldnt: "couldn't",
  wouldnt: "wouldn't",
  shouldnt: "shouldn't",
  aint: "ain't",
  im: "i'm",
  ive: "i've",
  youre: "you're",
  youve: "you've",
  theyre: "they're",
  whats: "what's",
  wheres: "where's",
  hows: "how's",
  whens: "when's",
  thats: "that's",
  theres: "there's",
  // texting shorthand
  ur: "your",
  pls: "please",
  plz: "please",
  thx: "thanks",
  tnx: "thanks",
  ty: "thank you",
  asap: "as soon as possible",
  wanna: "want to",
  gonna: "going to",
  gotta: "got to",
  dunno: "don't know",
  tmrw: "tomorrow",
  tmr: "tomorrow",
  xq: "porque",
  pq: "porque",
  tmb: "tambien",
  jai: "j'ai",
  cest: "c'est",
  jsuis: "je suis",
  chui: "je suis",
  // common misspellings of support words
  recieve: "receive",
  recieved: "received",
  recive: "receive",
  recived: "received",
  receieved: "received",
  recieving: "receiving",
  arived: "arrived",
  arrvied: "arrived",
  arive: "arrive",
  arrivd: "arrived",
  adress: "address",
  adresses: "addresses",
  addres: "address",
  adddress: "address",
  delivr: "deliver",
  deliever: "deliver",
  delievered: "delivered",
  delivary: "delivery",
  delievery: "delivery",
  dilivery: "delivery",
  deliveryy: "delivery",
  delivey: "delivery",
  devlivery: "delivery",
  shiping: "shipping",
  shippment: "shipment",
  shipmet: "shipment",
  shpping: "shipping",
  retrun: "return",
  retun: "return",
  reutrn: "return",
  retrns: "returns",
  retruns: "returns",
  refnd: "refund",
  refud: "refund",
  rufund: "refund",
  refunf: "refund",
  cancle: "cancel",
  cancell: "cancel",
  cancelation: "cancellation",
  canel: "cancel",
  pakage: "package",
  packege: "package",
  pacakge: "package",
  pacage: "package",
  parcle: "parcel",
  ordr: "order",
  oder: "order",
  odrer: "order",
  trackin: "tracking",
  trakcing: "tracking",
  traking: "tracking",
  acount: "account",
  accout: "account",
  acct: "account",
  pasword: "password",
  passwrod: "password",
  discout: "discount",
  dicount: "discount",
  discoutn: "discount",
  copoun: "coupon",
  coupen: "coupon",
  exchnage: "exchange",
  exhange: "exchange",
  paymnet: "payment",
  payement: "payment",
  purchace: "purchase",
  availible: "available",
  avaliable: "available",
  availabe: "available",
  guarentee: "guarantee",
  untill: "until",
  tommorow: "tomorrow",
  tomorow: "tomorrow",
  wich: "which",
  becuase: "because",
  beacuse: "because",
  teh: "the",
  adn: "and",
  waht: "what",
  hwo: "how",
  whn: "when",
  wher: "where",
};

const RESPELL_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}'])(?:${Object.keys(RESPELL).join("|")})(?![\\p{L}\\p{N}'])`,
  "gu",
);

// "last" in "I ordered last week" is a date, not the verb of "how long does the battery last".
const LAST_AS_DATE =
  /(?<![\p{L}\p{N}'])last(?= (?:week|weekend|month|year|night|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![\p{L}\p{N}]))/gu;

/** Whole-word respellings on already folded text. */
export function respell(folded: string): string {
  return folded.replace(RESPELL_PATTERN, (word) => RESPELL[word] ?? word).replace(LAST_AS_DATE, "");
}

// Words customers wrap questions in that say nothing about the topic (and interrogatives the
// Snowball stopword lists lack, such as French "quel"). Retrieval drops them from the query so
// that "Hi! Quick question, I was wondering..." does not dilute confidence.
export const FILLER_WORDS: Record<KnowledgeLocale, string> = {
  en: "hi hello hey hiya heya hola dear thanks thank thx please pls question quick wondering wonder wondered know tell help want like would could get can may just also hope team sir madam regards cheers ok okay recently morning afternoon evening folks guys lovely u kindly possible advise anyone reply asap",
  es: "cual cuales hola buenos buenas dias tardes noches gracias favor pregunta duda saber quisiera queria quiero podria puedo puede podeis pueden ayuda ayudar necesito saludos reciente porfa porfavor",
  fr: "quel quelle quels quelles bonjour bonsoir salut merci svp stp plait question savoir voudrais veux pourriez pouvez peux aide aider besoin cordialement recemment madame monsieur",
};
