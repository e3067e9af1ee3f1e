// Default copy of the welcome series (marketing): three steps counted from the moment the customer
// subscribed. 0: welcome at once; 2 days: a few products picked for them (`recommendations`; a new
// subscriber has usually bought nothing, so the list is often empty and the text then points to
// the shop); 5 days: a last friendly nudge towards a first order. Any order ends the series
// (app/lifecycle/welcome-series.server.ts), so no step ever talks to a customer who already bought.
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
const url = "{{ shop.url }}";

/** "- title: price" then the link, one product per entry; `otherwise` when there are none. */
function picks(intro: string, otherwise: string, locale: DefaultLocale): string {
  return (
    `{% if recommendations.size > 0 %}${intro}\n` +
    `{% for p in recommendations %}- {{ p.title }}${colon[locale]} {{ p.price | money }}\n  {{ p.url }}\n{% endfor %}` +
    `{% else %}${otherwise}\n{% endif %}`
  );
}

/** Short texts: the first pick's link, else a line about the shop with its link. */
function firstPickOr(withPick: string, without: string): string {
  return `{% if recommendations.size > 0 %}${withPick} {{ recommendations.first.url }}{% else %}${without} ${url}{% endif %}`;
}

const copy = {
  en: {
    sms: [
      `${hi.en}, welcome to {{ shop.name }}! Thanks for subscribing. New arrivals and offers will come your way: ${url}`,
      `${hi.en}, ${firstPickOr("here's something from {{ shop.name }} we think you'll like:", "see what's new at {{ shop.name }}:")}`,
      `${hi.en}, still looking around {{ shop.name }}? Your first order is a click away: ${url}`,
    ],
    whatsapp: [
      `${hi.en} 👋 Welcome to {{ shop.name }}! Thanks for subscribing: we'll share new arrivals and offers with you now and then.`,
      `${hi.en}, a few picks from {{ shop.name }} for you:`,
      `${hi.en}, still looking around {{ shop.name }}? If anything caught your eye, your first order is a click away.`,
    ],
    whatsappNoPicks: `${hi.en}, our newest pieces at {{ shop.name }} are waiting for you.`,
    whatsappCta: ["Take a look around: ", "See more: ", "Shop now: "],
    subject: [
      "Welcome to {{ shop.name }}",
      "Picked for you at {{ shop.name }}",
      "Still thinking it over? {{ shop.name }} is here for you",
    ],
    emailIntro: [
      "Thanks for subscribing! You're now on the list for new arrivals, restocks and offers from {{ shop.name }}.",
      "", // step 1 opens with its picks instead (picksIntro / noPicks)
      "We hope you've had a chance to look around {{ shop.name }}. If something caught your eye, your first order is only a click away.",
    ],
    picksIntro: "Now that you're on the list, here are a few things we think you'll like:",
    noPicks: "Now that you're on the list, come and see our newest pieces: they're waiting for you in the shop.",
    emailCta: ["Take a look around: ", "See everything: ", "Shop now: "],
    questions: "Questions? Just reply to this email, we're happy to help.",
  },
  es: {
    sms: [
      `${hi.es}, ¡te damos la bienvenida a {{ shop.name }}! Gracias por suscribirte. Te contaremos novedades y ofertas: ${url}`,
      `${hi.es}, ${firstPickOr("algo de {{ shop.name }} que creemos que te gustará:", "descubre las novedades de {{ shop.name }}:")}`,
      `${hi.es}, ¿sigues echando un vistazo a {{ shop.name }}? Tu primer pedido está a un clic: ${url}`,
    ],
    whatsapp: [
      `${hi.es} 👋 ¡Te damos la bienvenida a {{ shop.name }}! Gracias por suscribirte: de vez en cuando te contaremos novedades y ofertas.`,
      `${hi.es}, algunas sugerencias de {{ shop.name }} para ti:`,
      `${hi.es}, ¿sigues echando un vistazo a {{ shop.name }}? Si algo te ha gustado, tu primer pedido está a un clic.`,
    ],
    whatsappNoPicks: `${hi.es}, las últimas novedades de {{ shop.name }} te esperan.`,
    whatsappCta: ["Echa un vistazo: ", "Ver más: ", "Compra ahora: "],
    subject: [
      "Te damos la bienvenida a {{ shop.name }}",
      "Elegido para ti en {{ shop.name }}",
      "¿Todavía lo estás pensando? {{ shop.name }} te espera",
    ],
    emailIntro: [
      "¡Gracias por suscribirte! A partir de ahora recibirás las novedades, reposiciones y ofertas de {{ shop.name }}.",
      "", // step 1 opens with its picks instead (picksIntro / noPicks)
      "Esperamos que hayas podido echar un vistazo a {{ shop.name }}. Si algo te ha gustado, tu primer pedido está a solo un clic.",
    ],
    picksIntro: "Ya que estás en la lista, aquí tienes algunas cosas que creemos que te gustarán:",
    noPicks: "Ya que estás en la lista, descubre nuestras últimas novedades: te esperan en la tienda.",
    emailCta: ["Echa un vistazo: ", "Ver todo: ", "Compra ahora: "],
    questions: "¿Tienes preguntas? Responde a este correo, estaremos encantados de ayudarte.",
  },
  fr: {
    sms: [
      `${hi.fr}, bienvenue chez {{ shop.name }} ! Merci de votre inscription. Nouveautés et offres arrivent bientôt : ${url}`,
      `${hi.fr}, ${firstPickOr("une idée de {{ shop.name }} qui devrait vous plaire :", "découvrez les nouveautés de {{ shop.name }} :")}`,
      `${hi.fr}, vous hésitez encore ? Votre première commande chez {{ shop.name }} n'est qu'à un clic : ${url}`,
    ],
    whatsapp: [
      `${hi.fr} 👋 Bienvenue chez {{ shop.name }} ! Merci de votre inscription : nous vous partagerons nos nouveautés et nos offres de temps en temps.`,
      `${hi.fr}, quelques idées de {{ shop.name }} pour vous :`,
      `${hi.fr}, vous hésitez encore ? Si quelque chose vous a plu chez {{ shop.name }}, votre première commande n'est qu'à un clic.`,
    ],
    whatsappNoPicks: `${hi.fr}, les dernières nouveautés de {{ shop.name }} vous attendent.`,
    whatsappCta: ["Découvrez la boutique : ", "Voir plus : ", "Commander : "],
    subject: [
      "Bienvenue chez {{ shop.name }}",
      "Sélectionné pour vous chez {{ shop.name }}",
      "Vous hésitez encore ? {{ shop.name }} vous attend",
    ],
    emailIntro: [
      "Merci de votre inscription ! Vous recevrez désormais les nouveautés, les retours en stock et les offres de {{ shop.name }}.",
      "", // step 1 opens with its picks instead (picksIntro / noPicks)
      "Nous espérons que vous avez pu découvrir {{ shop.name }}. Si quelque chose vous a plu, votre première commande n'est qu'à un clic.",
    ],
    picksIntro: "Maintenant que vous faites partie de la liste, voici quelques articles qui devraient vous plaire :",
    noPicks:
      "Maintenant que vous faites partie de la liste, découvrez nos dernières nouveautés : elles vous attendent en boutique.",
    emailCta: ["Découvrez la boutique : ", "Tout voir : ", "Commander : "],
    questions: "Des questions ? Répondez simplement à cet e-mail, nous serons ravis de vous aider.",
  },
};

function welcome(locale: DefaultLocale, step: 0 | 1 | 2): Record<FlowChannel, DefaultTemplate> {
  const c = copy[locale];
  const withPicks = step === 1;
  const whatsappIntro = withPicks
    ? `{% if recommendations.size > 0 %}${c.whatsapp[step]}\n` +
      `{% for p in recommendations %}• {{ p.title }}${colon[locale]} {{ p.url }}\n{% endfor %}` +
      `{% else %}${c.whatsappNoPicks}\n{% endif %}`
    : `${c.whatsapp[step]}\n`;
  return {
    SMS: { subject: null, body: lines(c.sms[step], stopLine[locale]) },
    WHATSAPP: {
      subject: null,
      body: lines(`${whatsappIntro}${c.whatsappCta[step]}${url}`, "", stopLine[locale]),
    },
    EMAIL: {
      subject: c.subject[step],
      body: lines(
        `${hi[locale]},`,
        "",
        // The picks step's intro depends on whether there is anything to pick.
        ...(withPicks ? [picks(c.picksIntro, c.noPicks, locale)] : [c.emailIntro[step], ""]),
        `${c.emailCta[step]}${url}`,
        "",
        c.questions,
        "",
        "{{ shop.name }}",
        "",
        unsubscribeLine[locale],
      ),
    },
  };
}

export const welcomeSeriesSteps: DefaultStep[] = ([0, 1, 2] as const).map((step) => ({
  position: step,
  delayMinutes: [0, 2 * DAY, 5 * DAY][step],
  channels: ["EMAIL", "SMS", "WHATSAPP"],
  templates: perLocale((l) => welcome(l, step)),
}));
