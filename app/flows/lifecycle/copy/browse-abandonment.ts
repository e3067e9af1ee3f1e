// Default copy of browse abandonment (marketing): two steps counted from the customer's last
// product view. 2 hours: a light "still thinking about it?" with the product (`product`: the most
// recently viewed one still available; the step is skipped when none is); 1 day: the product again
// with a few other picks (`recommendations`, shown only when there are some). A cart addition, an
// order, a reply or a cart recovery ends the run first (app/lifecycle/browse-abandonment.server.ts).
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

const HOUR = 60;
const DAY = 1440;
const title = "{{ product.title }}";
const link = "{{ product.url }}";
const price = "{{ product.price | money }}";

/** Other picks for the email, only when there are some (the product itself may be among them: left out). */
function morePicks(intro: string, locale: DefaultLocale): string {
  return (
    `{% if recommendations.size > 0 %}${intro}\n` +
    `{% for p in recommendations %}{% unless p.product_id == product.product_id %}- {{ p.title }}${colon[locale]} {{ p.price | money }}\n  {{ p.url }}\n{% endunless %}{% endfor %}\n` +
    `{% endif %}`
  );
}

const copy = {
  en: {
    sms: [
      `${hi.en}, still thinking about ${title}? Take another look at {{ shop.name }}: ${link}`,
      `${hi.en}, ${title} is still available at {{ shop.name }}: ${link}`,
    ],
    whatsapp: [
      `${hi.en} 👋 Still thinking about ${title}? It's waiting for you at {{ shop.name }}.`,
      `${hi.en}, ${title} is still available at {{ shop.name }}, in case you'd like another look.`,
    ],
    whatsappCta: ["Take another look: ", "See it here: "],
    subject: ["Still thinking about {{ product.title }}?", "{{ product.title }} is still available"],
    emailIntro: [
      "We noticed you were looking at this at {{ shop.name }}. It's still here if you'd like another look:",
      "Just a friendly note: the product you looked at is still available.",
    ],
    emailCta: ["Take another look: ", "See it here: "],
    picksIntro: "You might also like:",
    questions: "Questions about it? Just reply to this email.",
  },
  es: {
    sms: [
      `${hi.es}, ¿sigues pensando en ${title}? Échale otro vistazo en {{ shop.name }}: ${link}`,
      `${hi.es}, ${title} sigue disponible en {{ shop.name }}: ${link}`,
    ],
    whatsapp: [
      `${hi.es} 👋 ¿Sigues pensando en ${title}? Te espera en {{ shop.name }}.`,
      `${hi.es}, ${title} sigue disponible en {{ shop.name }}, por si quieres echarle otro vistazo.`,
    ],
    whatsappCta: ["Échale otro vistazo: ", "Míralo aquí: "],
    subject: ["¿Sigues pensando en {{ product.title }}?", "{{ product.title }} sigue disponible"],
    emailIntro: [
      "Vimos que estabas mirando esto en {{ shop.name }}. Sigue aquí por si quieres echarle otro vistazo:",
      "Solo un recordatorio: el producto que miraste sigue disponible.",
    ],
    emailCta: ["Échale otro vistazo: ", "Míralo aquí: "],
    picksIntro: "También te puede gustar:",
    questions: "¿Tienes preguntas? Responde a este correo.",
  },
  fr: {
    sms: [
      `${hi.fr}, vous pensez encore à ${title} ? Jetez-y un autre coup d'œil chez {{ shop.name }} : ${link}`,
      `${hi.fr}, ${title} est toujours disponible chez {{ shop.name }} : ${link}`,
    ],
    whatsapp: [
      `${hi.fr} 👋 Vous pensez encore à ${title} ? Il vous attend chez {{ shop.name }}.`,
      `${hi.fr}, ${title} est toujours disponible chez {{ shop.name }}, si vous souhaitez y rejeter un œil.`,
    ],
    whatsappCta: ["Jetez-y un autre coup d'œil : ", "Le voir ici : "],
    subject: ["Vous pensez encore à {{ product.title }} ?", "{{ product.title }} est toujours disponible"],
    emailIntro: [
      "Vous regardiez cet article chez {{ shop.name }}. Il est toujours là si vous souhaitez y rejeter un œil :",
      "Petit rappel : l'article que vous avez regardé est toujours disponible.",
    ],
    emailCta: ["Jetez-y un autre coup d'œil : ", "Le voir ici : "],
    picksIntro: "Vous aimerez peut-être aussi :",
    questions: "Des questions ? Répondez simplement à cet e-mail.",
  },
};

function browseReminder(locale: DefaultLocale, step: 0 | 1): Record<FlowChannel, DefaultTemplate> {
  const c = copy[locale];
  return {
    SMS: { subject: null, body: lines(c.sms[step], stopLine[locale]) },
    WHATSAPP: {
      subject: null,
      body: lines(c.whatsapp[step], "", `${c.whatsappCta[step]}${link}`, "", stopLine[locale]),
    },
    EMAIL: {
      subject: c.subject[step],
      body: lines(
        `${hi[locale]},`,
        "",
        c.emailIntro[step],
        "",
        `${title}${colon[locale]} ${price}`,
        `${c.emailCta[step]}${link}`,
        "",
        ...(step === 1 ? [`${morePicks(c.picksIntro, locale)}${c.questions}`] : [c.questions]),
        "",
        "{{ shop.name }}",
        "",
        unsubscribeLine[locale],
      ),
    },
  };
}

export const browseAbandonmentSteps: DefaultStep[] = [
  {
    position: 0,
    delayMinutes: 2 * HOUR,
    channels: ["EMAIL", "SMS", "WHATSAPP"],
    templates: perLocale((l) => browseReminder(l, 0)),
  },
  {
    position: 1,
    delayMinutes: DAY,
    channels: ["EMAIL", "SMS", "WHATSAPP"],
    templates: perLocale((l) => browseReminder(l, 1)),
  },
];
