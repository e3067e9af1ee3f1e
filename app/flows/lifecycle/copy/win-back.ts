// Default copy of the win-back flow (marketing): two steps counted from the sweep that enrolled the
// customer. 0: "we miss you" at once, with a few products picked from what they bought before
// (`recommendations`: bought together, bestsellers of the same collections, anything due for a
// refill); 7 days: a last, short nudge. An order ends the run (app/lifecycle/win-back.server.ts).
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
/** Short texts: the first pick's link, else a line about the shop with its link. */
function firstPickOr(withPick: string, without: string): string {
  return `{% if recommendations.size > 0 %}${withPick} {{ recommendations.first.url }}{% else %}${without} ${url}{% endif %}`;
}

const copy = {
  en: {
    sms: [
      `${hi.en}, it's been a while! We miss you at {{ shop.name }}. ${firstPickOr("Here's something we think you'll like:", "Come and see what's new:")}`,
      `${hi.en}, one last hello from {{ shop.name }}: we'd love to see you again. ${url}`,
    ],
    whatsapp: [
      `${hi.en} 👋 It's been a while, and we miss you at {{ shop.name }}!`,
      `${hi.en}, one last hello from {{ shop.name }}: we'd love to see you again.`,
    ],
    whatsappPicks: "A few things we think you'll like:",
    whatsappCta: ["Come and take a look: ", "Drop by any time: "],
    subject: ["We miss you at {{ shop.name }}", "Still there? A last hello from {{ shop.name }}"],
    emailIntro: [
      "It's been a while since your last visit, and we miss you at {{ shop.name }}.",
      "We don't want to fill your inbox, so this is our last hello for now. If you'd like to come back, we'd love to see you again.",
    ],
    picksIntro: "A few things we think you'll like:",
    noPicks: "There's plenty that's new at {{ shop.name }}: come and see.",
    emailCta: ["Come and take a look: ", "Drop by any time: "],
    questions: "Questions? Just reply to this email.",
  },
  es: {
    sms: [
      `${hi.es}, ¡cuánto tiempo! Te echamos de menos en {{ shop.name }}. ${firstPickOr("Creemos que esto te gustará:", "Ven a ver las novedades:")}`,
      `${hi.es}, un último saludo de {{ shop.name }}: nos encantaría volver a verte. ${url}`,
    ],
    whatsapp: [
      `${hi.es} 👋 ¡Cuánto tiempo! Te echamos de menos en {{ shop.name }}.`,
      `${hi.es}, un último saludo de {{ shop.name }}: nos encantaría volver a verte.`,
    ],
    whatsappPicks: "Algunas cosas que creemos que te gustarán:",
    whatsappCta: ["Echa un vistazo: ", "Pásate cuando quieras: "],
    subject: ["Te echamos de menos en {{ shop.name }}", "¿Sigues ahí? Un último saludo de {{ shop.name }}"],
    emailIntro: [
      "Ha pasado un tiempo desde tu última visita y te echamos de menos en {{ shop.name }}.",
      "No queremos llenar tu bandeja de entrada, así que este es nuestro último saludo por ahora. Si quieres volver, nos encantará verte de nuevo.",
    ],
    picksIntro: "Algunas cosas que creemos que te gustarán:",
    noPicks: "Hay muchas novedades en {{ shop.name }}: ven a verlas.",
    emailCta: ["Echa un vistazo: ", "Pásate cuando quieras: "],
    questions: "¿Tienes preguntas? Responde a este correo.",
  },
  fr: {
    sms: [
      `${hi.fr}, cela fait longtemps ! Vous nous manquez chez {{ shop.name }}. ${firstPickOr("Une idée qui devrait vous plaire :", "Venez découvrir les nouveautés :")}`,
      `${hi.fr}, un dernier petit mot de {{ shop.name }} : nous serions ravis de vous revoir. ${url}`,
    ],
    whatsapp: [
      `${hi.fr} 👋 Cela fait longtemps, et vous nous manquez chez {{ shop.name }} !`,
      `${hi.fr}, un dernier petit mot de {{ shop.name }} : nous serions ravis de vous revoir.`,
    ],
    whatsappPicks: "Quelques idées qui devraient vous plaire :",
    whatsappCta: ["Venez jeter un œil : ", "Passez quand vous voulez : "],
    subject: ["Vous nous manquez chez {{ shop.name }}", "Toujours là ? Un dernier mot de {{ shop.name }}"],
    emailIntro: [
      "Cela fait un moment depuis votre dernière visite, et vous nous manquez chez {{ shop.name }}.",
      "Nous ne voulons pas encombrer votre boîte de réception : voici donc notre dernier message pour le moment. Si l'envie vous prend de revenir, nous serons ravis de vous revoir.",
    ],
    picksIntro: "Quelques idées qui devraient vous plaire :",
    noPicks: "Il y a beaucoup de nouveautés chez {{ shop.name }} : venez les découvrir.",
    emailCta: ["Venez jeter un œil : ", "Passez quand vous voulez : "],
    questions: "Des questions ? Répondez simplement à cet e-mail.",
  },
};

function winBack(locale: DefaultLocale, step: 0 | 1): Record<FlowChannel, DefaultTemplate> {
  const c = copy[locale];
  const withPicks = step === 0;
  const whatsappPicks = withPicks
    ? `{% if recommendations.size > 0 %}${c.whatsappPicks}\n` +
      `{% for p in recommendations %}• {{ p.title }}${colon[locale]} {{ p.url }}\n{% endfor %}{% endif %}`
    : "";
  const emailPicks =
    `{% if recommendations.size > 0 %}${c.picksIntro}\n` +
    `{% for p in recommendations %}- {{ p.title }}${colon[locale]} {{ p.price | money }}\n  {{ p.url }}\n{% endfor %}` +
    `{% else %}${c.noPicks}\n{% endif %}`;
  return {
    SMS: { subject: null, body: lines(c.sms[step], stopLine[locale]) },
    WHATSAPP: {
      subject: null,
      body: lines(c.whatsapp[step], `${whatsappPicks}${c.whatsappCta[step]}${url}`, "", stopLine[locale]),
    },
    EMAIL: {
      subject: c.subject[step],
      body: lines(
        `${hi[locale]},`,
        "",
        c.emailIntro[step],
        "",
        ...(withPicks ? [emailPicks] : []),
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

export const winBackSteps: DefaultStep[] = ([0, 1] as const).map((step) => ({
  position: step,
  delayMinutes: [0, 7 * DAY][step],
  channels: ["EMAIL", "SMS", "WHATSAPP"],
  templates: perLocale((l) => winBack(l, step)),
}));
