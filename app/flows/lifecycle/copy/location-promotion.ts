// The location promotion's default copy (docs/decisions/0061): the recipient's own code at once,
// then a reminder a week later, while the code still works (a code that has expired skips the
// step). `discount` is the recipient's code: {{ discount.code }}, {{ discount.percent }},
// {{ discount.url }} (applies the code in the storefront) and {{ discount.ends_at }}.
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

const REMINDER_AFTER_MINUTES = 7 * 24 * 60;

const code = "{{ discount.code }}";
/** French sets a space before the percent sign. */
const percentOf: Record<DefaultLocale, string> = {
  en: "{{ discount.percent }}%",
  es: "{{ discount.percent }}%",
  fr: "{{ discount.percent }} %",
};
const url = "{{ discount.url }}";
/** Liquid's date filter speaks English: the other languages get a numeric date. */
const endsOn: Record<DefaultLocale, string> = {
  en: '{{ discount.ends_at | date: "%B %-d" }}',
  es: '{{ discount.ends_at | date: "%d/%m/%Y" }}',
  fr: '{{ discount.ends_at | date: "%d/%m/%Y" }}',
};

function offer(locale: DefaultLocale): Record<FlowChannel, DefaultTemplate> {
  const ends = endsOn[locale];
  const percent = percentOf[locale];
  const copy = {
    en: {
      sms: `${hi.en}, a treat from {{ shop.name }} for our customers in your area: ${percent} off with your code ${code}, until ${ends}. ${url}`,
      whatsapp: `${hi.en} 👋 {{ shop.name }} has something for our customers in your area: ${percent} off your next order with your own code *${code}*, until ${ends}.\n\nShop now, the code applies itself: ${url}`,
      subject: `{{ shop.name }}: ${percent} off, just for you`,
      intro: `We're treating our customers in your area: here is ${percent} off your next order.`,
      codeLine: `Your personal code${colon.en} ${code}`,
      terms: `It is yours alone, works once, and ends on ${ends}.`,
      cta: `Shop now, the code applies itself${colon.en} ${url}`,
      thanks: "See you soon,",
    },
    es: {
      sms: `${hi.es}, un regalo de {{ shop.name }} para los clientes de tu zona: ${percent} de descuento con tu código ${code}, hasta el ${ends}. ${url}`,
      whatsapp: `${hi.es} 👋 {{ shop.name }} tiene algo para los clientes de tu zona: ${percent} de descuento en tu próximo pedido con tu código *${code}*, hasta el ${ends}.\n\nCompra ahora, el código se aplica solo: ${url}`,
      subject: `{{ shop.name }}: ${percent} de descuento, solo para ti`,
      intro: `Tenemos un regalo para los clientes de tu zona: ${percent} de descuento en tu próximo pedido.`,
      codeLine: `Tu código personal${colon.es} ${code}`,
      terms: `Es solo tuyo, se usa una vez y vence el ${ends}.`,
      cta: `Compra ahora, el código se aplica solo${colon.es} ${url}`,
      thanks: "¡Hasta pronto!",
    },
    fr: {
      sms: `${hi.fr}, un cadeau de {{ shop.name }} pour nos clients de votre région : ${percent} de réduction avec votre code ${code}, jusqu'au ${ends}. ${url}`,
      whatsapp: `${hi.fr} 👋 {{ shop.name }} a une attention pour nos clients de votre région : ${percent} de réduction sur votre prochaine commande avec votre code *${code}*, jusqu'au ${ends}.\n\nFaites vos achats, le code s'applique tout seul : ${url}`,
      subject: `{{ shop.name }} : ${percent} de réduction, rien que pour vous`,
      intro: `Nous gâtons nos clients de votre région : voici ${percent} de réduction sur votre prochaine commande.`,
      codeLine: `Votre code personnel${colon.fr} ${code}`,
      terms: `Il n'est valable que pour vous, une seule fois, jusqu'au ${ends}.`,
      cta: `Faites vos achats, le code s'applique tout seul${colon.fr} ${url}`,
      thanks: "À bientôt,",
    },
  }[locale];
  return {
    SMS: { subject: null, body: lines(copy.sms, stopLine[locale]) },
    WHATSAPP: { subject: null, body: lines(copy.whatsapp, "", stopLine[locale]) },
    EMAIL: {
      subject: copy.subject,
      body: lines(
        `${hi[locale]},`,
        "",
        copy.intro,
        "",
        copy.codeLine,
        copy.terms,
        "",
        copy.cta,
        "",
        copy.thanks,
        "{{ shop.name }}",
        "",
        unsubscribeLine[locale],
      ),
    },
  };
}

function reminder(locale: DefaultLocale): Record<FlowChannel, DefaultTemplate> {
  const ends = endsOn[locale];
  const percent = percentOf[locale];
  const copy = {
    en: {
      sms: `${hi.en}, your ${percent} code ${code} at {{ shop.name }} ends on ${ends}. Use it here: ${url}`,
      whatsapp: `${hi.en}, a quick reminder: your ${percent} code *${code}* at {{ shop.name }} ends on ${ends}.\n\nUse it before it's gone: ${url}`,
      subject: `Your ${percent} code at {{ shop.name }} ends on ${ends}`,
      intro: `A quick reminder: your ${percent} code ends on ${ends}.`,
      codeLine: `Your code${colon.en} ${code}`,
      cta: `Use it before it's gone${colon.en} ${url}`,
    },
    es: {
      sms: `${hi.es}, tu código ${code} de ${percent} en {{ shop.name }} vence el ${ends}. Úsalo aquí: ${url}`,
      whatsapp: `${hi.es}, te recordamos que tu código *${code}* de ${percent} en {{ shop.name }} vence el ${ends}.\n\nÚsalo antes de que caduque: ${url}`,
      subject: `Tu código de ${percent} en {{ shop.name }} vence el ${ends}`,
      intro: `Te recordamos que tu código de ${percent} vence el ${ends}.`,
      codeLine: `Tu código${colon.es} ${code}`,
      cta: `Úsalo antes de que caduque${colon.es} ${url}`,
    },
    fr: {
      sms: `${hi.fr}, votre code ${code} de ${percent} chez {{ shop.name }} expire le ${ends}. Utilisez-le ici : ${url}`,
      whatsapp: `${hi.fr}, petit rappel : votre code *${code}* de ${percent} chez {{ shop.name }} expire le ${ends}.\n\nProfitez-en avant qu'il n'expire : ${url}`,
      subject: `Votre code de ${percent} chez {{ shop.name }} expire le ${ends}`,
      intro: `Petit rappel : votre code de ${percent} expire le ${ends}.`,
      codeLine: `Votre code${colon.fr} ${code}`,
      cta: `Profitez-en avant qu'il n'expire${colon.fr} ${url}`,
    },
  }[locale];
  return {
    SMS: { subject: null, body: lines(copy.sms, stopLine[locale]) },
    WHATSAPP: { subject: null, body: lines(copy.whatsapp, "", stopLine[locale]) },
    EMAIL: {
      subject: copy.subject,
      body: lines(
        `${hi[locale]},`,
        "",
        copy.intro,
        "",
        copy.codeLine,
        "",
        copy.cta,
        "",
        "{{ shop.name }}",
        "",
        unsubscribeLine[locale],
      ),
    },
  };
}

export const locationPromotionSteps: DefaultStep[] = [
  { position: 0, delayMinutes: 0, channels: ["EMAIL", "SMS", "WHATSAPP"], templates: perLocale(offer) },
  {
    position: 1,
    delayMinutes: REMINDER_AFTER_MINUTES,
    channels: ["EMAIL", "SMS", "WHATSAPP"],
    templates: perLocale(reminder),
  },
];
