// Which of our three languages a message is in, when the channel did not say. Counting frequent
// function words (after folding accents) is crude but reliable on the short messages customers
// send, needs no model, and ties fall back to English, the language most knowledge bases hold.
import type { KnowledgeLocale } from "./contracts";
import { foldAccents } from "./text-normalize";

const MARKERS: Record<KnowledgeLocale, string[]> = {
  en: "the is are my i you your it to of and what where when how can do does did have has not with for this that was please order shipping return will would could should there they we our me just yet".split(
    " ",
  ),
  es: "el la los las mi mis es esta estan de del que por para con no un una como cuando donde puedo quiero tengo hola gracias pedido envio devolucion porque muy mas pero ya os voy vais vamos hay esto eso nada todo sin tambien".split(
    " ",
  ),
  fr: "le la les mon ma mes est et de du des que pour avec ne pas un une comment quand ou je vous votre bonjour merci commande livraison retour puis suis ai mais tres il elle nous vos cette au aux dans sur rien toujours".split(
    " ",
  ),
};

const SETS = Object.fromEntries(Object.entries(MARKERS).map(([locale, words]) => [locale, new Set(words)])) as Record<
  KnowledgeLocale,
  Set<string>
>;

export function detectLanguage(text: string): KnowledgeLocale {
  const folded = foldAccents(text);
  const words = folded
    .split(/[^a-z0-9']+/)
    .flatMap((w) => w.split("'"))
    .filter(Boolean);
  const score: Record<KnowledgeLocale, number> = { en: 0, es: 0, fr: 0 };
  for (const word of words)
    for (const locale of ["en", "es", "fr"] as const) if (SETS[locale].has(word)) score[locale]++;
  // Letters only one language uses tip the balance.
  if (/[ñ¿¡]/.test(text.toLowerCase())) score.es += 2;
  if (/[çœèêëàâîôûù]/.test(text.toLowerCase())) score.fr += 2;
  const best = (["en", "es", "fr"] as const).reduce((a, b) => (score[b] > score[a] ? b : a));
  return score[best] > 0 ? best : "en";
}
