// Default copy of the replenishment reminder (marketing): two steps counted from the reminder date
// (the customer's last purchase of `product` + its typical reorder interval − the lead days).
// 0: "running low?" on the date; 5 days later: one last nudge. Buying the product again ends the
// run (app/lifecycle/replenishment.server.ts), and a step is skipped when the product can no
// longer be bought, so the copy may always name it. Its price is the catalogue's, in the shop's
// currency.
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
const title = "{{ product.title }}";
const link = "{{ product.url }}";
const price = "{{ product.price | money: shop.currency }}";

const copy = {
  en: {
    sms: [
      `${hi.en}, running low on ${title}? Reorder from {{ shop.name }}: ${link}`,
      `${hi.en}, still need ${title}? It's one tap away at {{ shop.name }}: ${link}`,
    ],
    whatsapp: [
      `${hi.en} 👋 By our count your ${title} from {{ shop.name }} may be running low soon.`,
      `${hi.en}, just checking in: still need ${title} from {{ shop.name }}?`,
    ],
    whatsappCta: ["Reorder in a tap: ", "Reorder here: "],
    subject: ["Time to restock {{ product.title }}?", "Still need {{ product.title }}?"],
    intro: [
      "Based on when you last ordered it, your {{ product.title }} may be running low soon. Reorder now so you don't run out:",
      "A quick reminder in case it slipped your mind: your {{ product.title }} is waiting for you at {{ shop.name }}.",
    ],
    cta: ["Reorder: ", "Reorder now: "],
    outro: "Questions? Just reply to this email.",
  },
  es: {
    sms: [
      `${hi.es}, ¿se te está acabando ${title}? Pide de nuevo en {{ shop.name }}: ${link}`,
      `${hi.es}, ¿todavía necesitas ${title}? Está a un clic en {{ shop.name }}: ${link}`,
    ],
    whatsapp: [
      `${hi.es} 👋 Según nuestros cálculos, tu ${title} de {{ shop.name }} podría acabarse pronto.`,
      `${hi.es}, solo para saber: ¿todavía necesitas ${title} de {{ shop.name }}?`,
    ],
    whatsappCta: ["Pide de nuevo en un toque: ", "Pide aquí: "],
    subject: ["¿Es hora de reponer {{ product.title }}?", "¿Todavía necesitas {{ product.title }}?"],
    intro: [
      "Por la fecha de tu último pedido, tu {{ product.title }} podría acabarse pronto. Haz tu pedido ahora para no quedarte sin {{ product.title }}:",
      "Un pequeño recordatorio por si se te pasó: tu {{ product.title }} te espera en {{ shop.name }}.",
    ],
    cta: ["Volver a pedir: ", "Pedir ahora: "],
    outro: "¿Tienes preguntas? Responde a este correo.",
  },
  fr: {
    sms: [
      `${hi.fr}, bientôt à court de ${title} ? Recommandez chez {{ shop.name }} : ${link}`,
      `${hi.fr}, toujours besoin de ${title} ? Un clic suffit chez {{ shop.name }} : ${link}`,
    ],
    whatsapp: [
      `${hi.fr} 👋 D'après nos calculs, vous pourriez bientôt être à court de ${title} de chez {{ shop.name }}.`,
      `${hi.fr}, petite question : avez-vous toujours besoin de ${title} de chez {{ shop.name }} ?`,
    ],
    whatsappCta: ["Recommandez en un geste : ", "Recommandez ici : "],
    subject: ["Bientôt à court de {{ product.title }} ?", "Toujours besoin de {{ product.title }} ?"],
    intro: [
      "D'après la date de votre dernière commande, vous pourriez bientôt être à court de {{ product.title }}. Recommandez dès maintenant pour ne pas en manquer :",
      "Petit rappel, au cas où : votre {{ product.title }} vous attend chez {{ shop.name }}.",
    ],
    cta: ["Recommander : ", "Recommander maintenant : "],
    outro: "Des questions ? Répondez simplement à cet e-mail.",
  },
};

function reminder(locale: DefaultLocale, step: 0 | 1): Record<FlowChannel, DefaultTemplate> {
  const c = copy[locale];
  return {
    SMS: { subject: null, body: lines(c.sms[step], stopLine[locale]) },
    WHATSAPP: { subject: null, body: lines(c.whatsapp[step], `${c.whatsappCta[step]}${link}`, "", stopLine[locale]) },
    EMAIL: {
      subject: c.subject[step],
      body: lines(
        `${hi[locale]},`,
        "",
        c.intro[step],
        "",
        `${title}${colon[locale]} ${price}`,
        `${c.cta[step]}${link}`,
        "",
        c.outro,
        "",
        "{{ shop.name }}",
        "",
        unsubscribeLine[locale],
      ),
    },
  };
}

export const replenishmentSteps: DefaultStep[] = [
  {
    position: 0,
    delayMinutes: 0,
    channels: ["EMAIL", "SMS", "WHATSAPP"],
    templates: perLocale((l) => reminder(l, 0)),
  },
  {
    position: 1,
    delayMinutes: 5 * DAY,
    channels: ["EMAIL", "SMS", "WHATSAPP"],
    templates: perLocale((l) => reminder(l, 1)),
  },
];
