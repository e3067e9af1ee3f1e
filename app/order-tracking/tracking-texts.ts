// What the assistant says while it finds the customer's order, in their language. The refusal is
// the same whatever went wrong (unknown number, wrong email, wrong postcode, half the details), so
// it never tells anyone whether an order number exists.
import type { KnowledgeLocale } from "../knowledge/contracts";

const ASK: Record<KnowledgeLocale, string> = {
  en: "I can check that for you. Please send the order number and the email address or postcode used for the order.",
  es: "Puedo comprobarlo. Envíame el número de pedido y el correo electrónico o el código postal que usaste para el pedido.",
  fr: "Je peux vérifier cela. Envoyez-moi le numéro de commande et l'adresse e-mail ou le code postal utilisés pour la commande.",
};

const NOT_FOUND: Record<KnowledgeLocale, string> = {
  en: "I could not find an order matching those details. Please check the order number and the email address or postcode used for the order.",
  es: "No encontré ningún pedido que coincida con esos datos. Comprueba el número de pedido y el correo electrónico o el código postal que usaste para el pedido.",
  fr: "Je n'ai trouvé aucune commande correspondant à ces informations. Vérifiez le numéro de commande et l'adresse e-mail ou le code postal utilisés pour la commande.",
};

/** The one question asked of a customer the channel does not identify. */
export function askForOrderDetailsText(locale: KnowledgeLocale): string {
  return ASK[locale];
}

/** The neutral refusal after a check that did not match. */
export function orderNotFoundText(locale: KnowledgeLocale): string {
  return NOT_FOUND[locale];
}
