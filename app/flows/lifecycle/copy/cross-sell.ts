// Default copy of the post-purchase cross-sell (marketing): one step, 3 days after the order was
// delivered, when the customer has had time to unpack and use it. It lists `recommendations` for
// that order (what other shoppers bought with it, never what is in the order); the step is skipped
// when there is nothing to recommend (app/lifecycle/cross-sell.server.ts), so the copy may assume
// a non-empty list. Product prices are the shop's catalogue prices, in the shop's currency.
import {
  colon,
  hi,
  lines,
  perLocale,
  stopLine,
  unsubscribeLine,
  type DefaultLocale,
  type DefaultStep,
  type DefaultTemplate,
  type FlowChannel,
} from "../../copy-blocks";

const DAY = 1440;
const price = "{{ product.price | money: shop.currency }}";
const orderNameSuffix = "{% if order.name %} {{ order.name }}{% endif %}";

/** One "- title: price" line and its link per product, for email. */
function productLines(locale: DefaultLocale): string {
  return `{% for product in recommendations %}- {{ product.title }}${colon[locale]} ${price}\n  {{ product.url }}\n{% endfor %}`;
}

/** Up to three "• title: link" lines, for WhatsApp. */
function shortProductLines(locale: DefaultLocale): string {
  return `{% for product in recommendations limit: 3 %}• {{ product.title }}${colon[locale]} {{ product.url }}\n{% endfor %}`;
}

/** The first product, "title link", for SMS (one keeps the text within two segments). */
const smsProducts = "{% for product in recommendations limit: 1 %}{{ product.title }} {{ product.url }}{% endfor %}";

const copy = {
  en: {
    sms: `${hi.en}, hope you're enjoying your order from {{ shop.name }}! Goes well with it: ${smsProducts}`,
    whatsapp: `${hi.en} 👋 We hope you're enjoying your order${orderNameSuffix} from {{ shop.name }}! Customers who bought the same also loved:`,
    whatsappCta: "Take a look: {{ shop.url }}",
    subject: "Goes well with your order from {{ shop.name }}",
    intro: "We hope you're enjoying your order. Customers who bought the same things also loved these:",
    outro: "Questions about any of them? Just reply to this email.",
  },
  es: {
    sms: `${hi.es}, ¡esperamos que disfrutes tu pedido de {{ shop.name }}! Combina bien con: ${smsProducts}`,
    whatsapp: `${hi.es} 👋 ¡Esperamos que estés disfrutando tu pedido${orderNameSuffix} de {{ shop.name }}! Quienes compraron lo mismo también eligieron:`,
    whatsappCta: "Échales un vistazo: {{ shop.url }}",
    subject: "Combina con tu pedido de {{ shop.name }}",
    intro: "Esperamos que estés disfrutando tu pedido. Quienes compraron lo mismo también eligieron estos productos:",
    outro: "¿Tienes preguntas sobre alguno? Responde a este correo.",
  },
  fr: {
    sms: `${hi.fr}, nous espérons que votre commande chez {{ shop.name }} vous plaît ! Va très bien avec : ${smsProducts}`,
    whatsapp: `${hi.fr} 👋 Nous espérons que votre commande${orderNameSuffix} chez {{ shop.name }} vous plaît ! Les clients qui ont acheté la même chose ont aussi aimé :`,
    whatsappCta: "Découvrez-les : {{ shop.url }}",
    subject: "Pour accompagner votre commande chez {{ shop.name }}",
    intro: "Nous espérons que votre commande vous plaît. Les clients qui ont acheté la même chose ont aussi aimé :",
    outro: "Une question sur l'un d'eux ? Répondez simplement à cet e-mail.",
  },
};

function crossSell(locale: DefaultLocale): Record<FlowChannel, DefaultTemplate> {
  const c = copy[locale];
  return {
    SMS: { subject: null, body: lines(c.sms, stopLine[locale]) },
    WHATSAPP: {
      subject: null,
      body: lines(c.whatsapp, shortProductLines(locale), c.whatsappCta, "", stopLine[locale]),
    },
    EMAIL: {
      subject: c.subject,
      body: lines(
        `${hi[locale]},`,
        "",
        c.intro,
        "",
        productLines(locale),
        c.outro,
        "",
        "{{ shop.name }}",
        "",
        unsubscribeLine[locale],
      ),
    },
  };
}

export const crossSellSteps: DefaultStep[] = [
  { position: 0, delayMinutes: 3 * DAY, channels: ["EMAIL", "SMS", "WHATSAPP"], templates: perLocale(crossSell) },
];
