// What every shop starts with: the ten flows (off; the lifecycle six in ./lifecycle/), their steps, delays, channel
// preferences, settings, and the default copy for every channel in English,
// Spanish and French, so that turning a flow on is all a merchant must do.
//
// Copy rules: SMS and WhatsApp texts are short; emails have a subject and a plain
// text body. Marketing flows (cart recovery, review request, every lifecycle flow) end SMS/WhatsApp
// texts with the STOP line and emails with the unsubscribe link line; order and
// shipping messages are transactional and carry neither.
// Step positions are 0-based, as the flow editor saves them.
import { z } from "zod";
import type { Channel, FlowKind } from "../generated/prisma/enums";
import {
  DEFAULT_LOCALES,
  FLOW_CHANNELS,
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
} from "./copy-blocks";
import { LIFECYCLE_DEFAULTS } from "./lifecycle/defaults";
import { LIFECYCLE_KINDS } from "./lifecycle/kinds";
import { lifecycleSettingsSchemas } from "./lifecycle/settings";

export { DEFAULT_LOCALES, FLOW_CHANNELS, type DefaultLocale, type DefaultStep, type DefaultTemplate, type FlowChannel };

export const FLOW_KINDS = [
  "CART_RECOVERY",
  "ORDER_CONFIRMATION",
  "SHIPPING_UPDATE",
  "REVIEW_REQUEST",
  ...LIFECYCLE_KINDS,
] as const satisfies readonly FlowKind[];

// ---------------------------------------------------------------------------
// Flow settings (Flow.settings JSON), lenient: bad or missing values → defaults.

const days = (fallback: number) => z.coerce.number().int().min(0).max(365).catch(fallback);

export const CART_RECOVERY_SETTINGS = { maxAgeDays: 7, attributionWindowDays: 5 } as const;
export const REVIEW_REQUEST_SETTINGS = { reviewDelayDays: 7, reviewDelayDaysWithoutDelivery: 14 } as const;

const settingsSchemas = {
  CART_RECOVERY: z.object({
    maxAgeDays: days(CART_RECOVERY_SETTINGS.maxAgeDays),
    attributionWindowDays: days(CART_RECOVERY_SETTINGS.attributionWindowDays),
  }),
  ORDER_CONFIRMATION: z.object({}),
  SHIPPING_UPDATE: z.object({}),
  REVIEW_REQUEST: z.object({
    reviewDelayDays: days(REVIEW_REQUEST_SETTINGS.reviewDelayDays),
    reviewDelayDaysWithoutDelivery: days(REVIEW_REQUEST_SETTINGS.reviewDelayDaysWithoutDelivery),
  }),
  ...lifecycleSettingsSchemas,
};

export type FlowSettings = {
  [K in FlowKind]: z.infer<(typeof settingsSchemas)[K]>;
};
export type CartRecoverySettings = FlowSettings["CART_RECOVERY"];
export type ReviewRequestSettings = FlowSettings["REVIEW_REQUEST"];

/** Flow.settings (any JSON) → that kind's settings with defaults for anything missing or invalid. */
export function parseFlowSettings<K extends FlowKind>(kind: K, raw: unknown): FlowSettings[K] {
  const input = raw && typeof raw === "object" && !Array.isArray(raw) ? raw : {};
  return settingsSchemas[kind].parse(input) as FlowSettings[K];
}

// ---------------------------------------------------------------------------
// Copy building blocks.

const plural = {
  checkoutItems: {
    en: "{{ checkout.item_count }} item{% if checkout.item_count != 1 %}s{% endif %}",
    es: "{{ checkout.item_count }} artículo{% if checkout.item_count != 1 %}s{% endif %}",
    fr: "{{ checkout.item_count }} article{% if checkout.item_count > 1 %}s{% endif %}",
  },
};

const orderNameSuffix = "{% if order.name %} {{ order.name }}{% endif %}";

/** One "- title (variant) × qty: price" line per item. */
function itemLines(source: "checkout" | "order", locale: DefaultLocale): string {
  return (
    `{% for item in ${source}.line_items %}- {{ item.title }}{% if item.variant_title %} ({{ item.variant_title }}){% endif %}` +
    ` × {{ item.quantity }}${colon[locale]} {{ item.line_price | money: ${source}.currency }}\n{% endfor %}`
  );
}

/** Up to three "• qty × title" lines, for WhatsApp. */
function shortItemLines(source: "checkout" | "order"): string {
  return `{% for item in ${source}.line_items limit: 3 %}• {{ item.quantity }} × {{ item.title }}\n{% endfor %}`;
}

// ---------------------------------------------------------------------------
// Cart recovery (marketing).

function cartReminder(locale: DefaultLocale, step: 0 | 1): Record<FlowChannel, DefaultTemplate> {
  const items = plural.checkoutItems[locale];
  const url = "{{ checkout.abandoned_checkout_url }}";
  const total = "{{ checkout.total_price | money: checkout.currency }}";
  const copy = {
    en: {
      sms: [
        `${hi.en}, you left ${items} in your cart at {{ shop.name }}: ${url}`,
        `${hi.en}, your cart at {{ shop.name }} is still saved, but not for long. Finish your order: ${url}`,
      ],
      whatsappIntro: [
        `${hi.en} 👋 You left ${items} in your cart at {{ shop.name }}:`,
        `${hi.en}, your cart at {{ shop.name }} is still waiting for you:`,
      ],
      whatsappCta: ["Pick up where you left off: ", "Complete your order before it's gone: "],
      subject: ["You left something in your cart at {{ shop.name }}", "Your cart at {{ shop.name }} is still waiting"],
      emailIntro: [
        "You left a few things in your cart at {{ shop.name }}. We saved them for you:",
        "Just a friendly reminder: the items in your cart at {{ shop.name }} are still saved, but we can't hold them forever.",
      ],
      totalLabel: "Total",
      emailCta: ["Complete your order: ", "Finish checking out: "],
      questions: "Questions? Just reply to this email.",
    },
    es: {
      sms: [
        `${hi.es}, dejaste ${items} en tu carrito de {{ shop.name }}: ${url}`,
        `${hi.es}, tu carrito de {{ shop.name }} sigue guardado, pero no por mucho tiempo. Completa tu pedido: ${url}`,
      ],
      whatsappIntro: [
        `${hi.es} 👋 Dejaste ${items} en tu carrito de {{ shop.name }}:`,
        `${hi.es}, tu carrito de {{ shop.name }} te sigue esperando:`,
      ],
      whatsappCta: ["Continúa donde lo dejaste: ", "Completa tu pedido antes de que se agote: "],
      subject: ["Olvidaste algo en tu carrito de {{ shop.name }}", "Tu carrito de {{ shop.name }} te sigue esperando"],
      emailIntro: [
        "Dejaste algunos artículos en tu carrito de {{ shop.name }}. Te los guardamos:",
        "Un pequeño recordatorio: los artículos de tu carrito de {{ shop.name }} siguen guardados, pero no podemos reservarlos para siempre.",
      ],
      totalLabel: "Total",
      emailCta: ["Completa tu pedido: ", "Termina tu compra: "],
      questions: "¿Tienes preguntas? Responde a este correo.",
    },
    fr: {
      sms: [
        `${hi.fr}, vous avez laissé ${items} dans votre panier chez {{ shop.name }} : ${url}`,
        `${hi.fr}, votre panier chez {{ shop.name }} est toujours enregistré, mais plus pour longtemps. Finalisez votre commande : ${url}`,
      ],
      whatsappIntro: [
        `${hi.fr} 👋 Vous avez laissé ${items} dans votre panier chez {{ shop.name }} :`,
        `${hi.fr}, votre panier chez {{ shop.name }} vous attend toujours :`,
      ],
      whatsappCta: [
        "Reprenez là où vous vous étiez arrêté : ",
        "Finalisez votre commande avant qu'il ne soit trop tard : ",
      ],
      subject: [
        "Vous avez oublié quelque chose dans votre panier chez {{ shop.name }}",
        "Votre panier chez {{ shop.name }} vous attend toujours",
      ],
      emailIntro: [
        "Vous avez laissé quelques articles dans votre panier chez {{ shop.name }}. Nous les avons gardés pour vous :",
        "Petit rappel : les articles de votre panier chez {{ shop.name }} sont toujours enregistrés, mais nous ne pouvons pas les garder indéfiniment.",
      ],
      totalLabel: "Total",
      emailCta: ["Finalisez votre commande : ", "Terminez votre achat : "],
      questions: "Des questions ? Répondez simplement à cet e-mail.",
    },
  }[locale];
  const i = step;
  return {
    SMS: { subject: null, body: lines(copy.sms[i], stopLine[locale]) },
    WHATSAPP: {
      subject: null,
      body: lines(
        copy.whatsappIntro[i],
        shortItemLines("checkout"),
        `${copy.whatsappCta[i]}${url}`,
        "",
        stopLine[locale],
      ),
    },
    EMAIL: {
      subject: copy.subject[i],
      body: lines(
        `${hi[locale]},`,
        "",
        copy.emailIntro[i],
        "",
        itemLines("checkout", locale),
        `${copy.totalLabel}${colon[locale]} ${total}`,
        "",
        `${copy.emailCta[i]}${url}`,
        "",
        copy.questions,
        "",
        "{{ shop.name }}",
        "",
        unsubscribeLine[locale],
      ),
    },
  };
}

// ---------------------------------------------------------------------------
// Order confirmation (transactional).

function orderConfirmation(locale: DefaultLocale): Record<FlowChannel, DefaultTemplate> {
  const total = "{{ order.total_price | money: order.currency }}";
  const status = "{{ order.order_status_url }}";
  const copy = {
    en: {
      sms: `{{ shop.name }}: thanks for your order${orderNameSuffix}, {{ customer.first_name | default: 'there' }}! Total ${total}. Track it here: ${status}`,
      whatsapp: lines(
        `${hi.en}, thanks for your order${orderNameSuffix} at {{ shop.name }}! 🎉`,
        shortItemLines("order"),
        `Total: ${total}`,
        `We'll message you when it ships. Order status: ${status}`,
      ),
      subject: "Order{% if order.name %} {{ order.name }}{% endif %} confirmed",
      intro: "Thank you for shopping with {{ shop.name }}! We've received your order and are getting it ready.",
      summary: `Order${orderNameSuffix}`,
      totalLabel: "Total",
      cta: `View your order status: ${status}`,
      outro: "We'll let you know as soon as it ships. Questions? Just reply to this email.",
    },
    es: {
      sms: `{{ shop.name }}: ¡gracias por tu pedido${orderNameSuffix}{% if customer.first_name %}, {{ customer.first_name }}{% endif %}! Total ${total}. Síguelo aquí: ${status}`,
      whatsapp: lines(
        `${hi.es}, ¡gracias por tu pedido${orderNameSuffix} en {{ shop.name }}! 🎉`,
        shortItemLines("order"),
        `Total: ${total}`,
        `Te avisaremos cuando lo enviemos. Estado del pedido: ${status}`,
      ),
      subject: "Pedido{% if order.name %} {{ order.name }}{% endif %} confirmado",
      intro: "¡Gracias por comprar en {{ shop.name }}! Hemos recibido tu pedido y lo estamos preparando.",
      summary: `Pedido${orderNameSuffix}`,
      totalLabel: "Total",
      cta: `Consulta el estado de tu pedido: ${status}`,
      outro: "Te avisaremos en cuanto lo enviemos. ¿Tienes preguntas? Responde a este correo.",
    },
    fr: {
      sms: `{{ shop.name }} : merci pour votre commande${orderNameSuffix}{% if customer.first_name %}, {{ customer.first_name }}{% endif %} ! Total ${total}. Suivez-la ici : ${status}`,
      whatsapp: lines(
        `${hi.fr}, merci pour votre commande${orderNameSuffix} chez {{ shop.name }} ! 🎉`,
        shortItemLines("order"),
        `Total : ${total}`,
        `Nous vous préviendrons dès son expédition. Suivi de commande : ${status}`,
      ),
      subject: "Commande{% if order.name %} {{ order.name }}{% endif %} confirmée",
      intro: "Merci pour votre achat chez {{ shop.name }} ! Nous avons bien reçu votre commande et la préparons.",
      summary: `Commande${orderNameSuffix}`,
      totalLabel: "Total",
      cta: `Suivre votre commande : ${status}`,
      outro: "Nous vous préviendrons dès qu'elle sera expédiée. Des questions ? Répondez simplement à cet e-mail.",
    },
  }[locale];
  const sep = colon[locale];
  return {
    SMS: { subject: null, body: copy.sms },
    WHATSAPP: { subject: null, body: copy.whatsapp },
    EMAIL: {
      subject: copy.subject,
      body: lines(
        `${hi[locale]},`,
        "",
        copy.intro,
        "",
        `${copy.summary}${sep}`,
        itemLines("order", locale),
        `${copy.totalLabel}${sep} ${total}`,
        "",
        copy.cta,
        "",
        copy.outro,
        "",
        "{{ shop.name }}",
      ),
    },
  };
}

// ---------------------------------------------------------------------------
// Shipping updates (transactional): one template whose text follows
// fulfillment.shipment_status; anything other than the four later statuses
// (none yet, confirmed, label_printed…) is the initial "shipped" message.

const tracking = {
  en: "{% if fulfillment.tracking_number %} Tracking{% if fulfillment.tracking_company %} ({{ fulfillment.tracking_company }}){% endif %}: {{ fulfillment.tracking_number }}.{% endif %}",
  es: "{% if fulfillment.tracking_number %} Seguimiento{% if fulfillment.tracking_company %} ({{ fulfillment.tracking_company }}){% endif %}: {{ fulfillment.tracking_number }}.{% endif %}",
  fr: "{% if fulfillment.tracking_number %} Suivi{% if fulfillment.tracking_company %} ({{ fulfillment.tracking_company }}){% endif %} : {{ fulfillment.tracking_number }}.{% endif %}",
};

const trackLink = "fulfillment.tracking_url | default: order.order_status_url";

function shippingUpdate(locale: DefaultLocale): Record<FlowChannel, DefaultTemplate> {
  const your = { en: "Your order", es: "Tu pedido", fr: "Votre commande" }[locale] + orderNameSuffix;
  const text = {
    en: {
      shipped: `${your} from {{ shop.name }} has shipped!${tracking.en}`,
      in_transit: `${your} from {{ shop.name }} is on its way.${tracking.en}`,
      out_for_delivery: `${your} from {{ shop.name }} is out for delivery and should arrive today.`,
      delivered: `${your} from {{ shop.name }} has been delivered. Enjoy!`,
      failure: `We couldn't deliver ${your.replace("Your", "your")} from {{ shop.name }}. Please check the tracking details or reply to this message and we'll help.`,
      track: "Track it: ",
      subjects: {
        shipped: `${your} has shipped`,
        in_transit: `${your} is on its way`,
        out_for_delivery: `${your} is out for delivery`,
        delivered: `${your} has been delivered`,
        failure: `There's a problem delivering ${your.replace("Your", "your")}`,
      },
      outro: "Questions? Just reply to this email.",
    },
    es: {
      shipped: `¡${your} de {{ shop.name }} ha sido enviado!${tracking.es}`,
      in_transit: `${your} de {{ shop.name }} está en camino.${tracking.es}`,
      out_for_delivery: `${your} de {{ shop.name }} está en reparto y debería llegar hoy.`,
      delivered: `${your} de {{ shop.name }} ha sido entregado. ¡Que lo disfrutes!`,
      failure: `No hemos podido entregar ${your.replace("Tu", "tu")} de {{ shop.name }}. Revisa los datos de seguimiento o responde a este mensaje y te ayudaremos.`,
      track: "Síguelo aquí: ",
      subjects: {
        shipped: `${your} ha sido enviado`,
        in_transit: `${your} está en camino`,
        out_for_delivery: `${your} está en reparto`,
        delivered: `${your} ha sido entregado`,
        failure: `Hay un problema con la entrega de ${your.replace("Tu", "tu")}`,
      },
      outro: "¿Tienes preguntas? Responde a este correo.",
    },
    fr: {
      shipped: `${your} chez {{ shop.name }} a été expédiée !${tracking.fr}`,
      in_transit: `${your} chez {{ shop.name }} est en route.${tracking.fr}`,
      out_for_delivery: `${your} chez {{ shop.name }} est en cours de livraison et devrait arriver aujourd'hui.`,
      delivered: `${your} chez {{ shop.name }} a été livrée. Bonne découverte !`,
      failure: `Nous n'avons pas pu livrer ${your.replace("Votre", "votre")} chez {{ shop.name }}. Consultez le suivi ou répondez à ce message, nous vous aiderons.`,
      track: "Suivre le colis : ",
      subjects: {
        shipped: `${your} a été expédiée`,
        in_transit: `${your} est en route`,
        out_for_delivery: `${your} est en cours de livraison`,
        delivered: `${your} a été livrée`,
        failure: `Un problème est survenu lors de la livraison de ${your.replace("Votre", "votre")}`,
      },
      outro: "Des questions ? Répondez simplement à cet e-mail.",
    },
  }[locale];

  const byStatus = (
    pick: (status: "shipped" | "in_transit" | "out_for_delivery" | "delivered" | "failure") => string,
  ) =>
    "{% case fulfillment.shipment_status %}" +
    `{% when 'in_transit' %}${pick("in_transit")}` +
    `{% when 'out_for_delivery' %}${pick("out_for_delivery")}` +
    `{% when 'delivered' %}${pick("delivered")}` +
    `{% when 'failure' %}${pick("failure")}` +
    `{% else %}${pick("shipped")}` +
    "{% endcase %}";

  const message = byStatus((status) => text[status]);
  const trackLine = `{% if fulfillment.shipment_status != 'delivered' %}{% assign track_url = ${trackLink} %}{% if track_url %}\n${text.track}{{ track_url }}{% endif %}{% endif %}`;
  return {
    // The text names the shop, which SMS recipients need to know who is writing.
    SMS: { subject: null, body: `${message}${trackLine}` },
    WHATSAPP: { subject: null, body: lines(`${hi[locale]},`, `${message}${trackLine}`) },
    EMAIL: {
      subject: byStatus((status) => text.subjects[status]),
      body: lines(`${hi[locale]},`, "", `${message}${trackLine}`, "", text.outro, "", "{{ shop.name }}"),
    },
  };
}

// ---------------------------------------------------------------------------
// Review request (marketing).

function reviewRequest(locale: DefaultLocale): Record<FlowChannel, DefaultTemplate> {
  const review = "{{ review_url }}";
  const copy = {
    en: {
      sms: `${hi.en}, how are you liking your order from {{ shop.name }}? We'd love a quick review: ${review}`,
      whatsapp: `${hi.en}! We hope you're enjoying your order${orderNameSuffix} from {{ shop.name }}. Would you take a minute to tell us what you think? ${review}`,
      subject: "How was your order from {{ shop.name }}?",
      intro: "We hope you're enjoying your purchase:",
      ask: "Would you take a minute to leave a review? It helps other shoppers and means a lot to us.",
      cta: `Write a review: ${review}`,
      thanks: "Thank you!",
    },
    es: {
      sms: `${hi.es}, ¿qué te parece tu pedido de {{ shop.name }}? Nos encantaría conocer tu opinión: ${review}`,
      whatsapp: `${hi.es}, esperamos que estés disfrutando tu pedido${orderNameSuffix} de {{ shop.name }}. ¿Nos dedicas un minuto para contarnos qué te parece? ${review}`,
      subject: "¿Qué te pareció tu pedido de {{ shop.name }}?",
      intro: "Esperamos que estés disfrutando tu compra:",
      ask: "¿Nos dedicas un minuto para dejar una reseña? Ayuda a otros clientes y significa mucho para nosotros.",
      cta: `Escribe una reseña: ${review}`,
      thanks: "¡Gracias!",
    },
    fr: {
      sms: `${hi.fr}, que pensez-vous de votre commande chez {{ shop.name }} ? Laissez-nous un petit avis : ${review}`,
      whatsapp: `${hi.fr}, nous espérons que votre commande${orderNameSuffix} chez {{ shop.name }} vous plaît. Prendriez-vous une minute pour nous donner votre avis ? ${review}`,
      subject: "Que pensez-vous de votre commande chez {{ shop.name }} ?",
      intro: "Nous espérons que votre achat vous plaît :",
      ask: "Prendriez-vous une minute pour laisser un avis ? Cela aide les autres clients et compte beaucoup pour nous.",
      cta: `Donner mon avis : ${review}`,
      thanks: "Merci !",
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
        "{% for item in order.line_items %}- {{ item.title }}{% if item.variant_title %} ({{ item.variant_title }}){% endif %}\n{% endfor %}",
        copy.ask,
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

// ---------------------------------------------------------------------------

export interface FlowDefault<K extends FlowKind = FlowKind> {
  kind: K;
  name: string;
  settings: FlowSettings[K];
  steps: DefaultStep[];
}

export const FLOW_DEFAULTS: { [K in FlowKind]: FlowDefault<K> } = {
  CART_RECOVERY: {
    kind: "CART_RECOVERY",
    name: "Cart recovery",
    settings: { ...CART_RECOVERY_SETTINGS },
    steps: [
      {
        position: 0,
        delayMinutes: 60,
        channels: ["SMS", "WHATSAPP", "EMAIL"],
        templates: perLocale((l) => cartReminder(l, 0)),
      },
      {
        position: 1,
        delayMinutes: 1440,
        channels: ["SMS", "WHATSAPP", "EMAIL"],
        templates: perLocale((l) => cartReminder(l, 1)),
      },
    ],
  },
  ORDER_CONFIRMATION: {
    kind: "ORDER_CONFIRMATION",
    name: "Order confirmation",
    settings: {},
    steps: [
      { position: 0, delayMinutes: 0, channels: ["EMAIL", "SMS", "WHATSAPP"], templates: perLocale(orderConfirmation) },
    ],
  },
  SHIPPING_UPDATE: {
    kind: "SHIPPING_UPDATE",
    name: "Shipping updates",
    settings: {},
    steps: [
      { position: 0, delayMinutes: 0, channels: ["SMS", "WHATSAPP", "EMAIL"], templates: perLocale(shippingUpdate) },
    ],
  },
  REVIEW_REQUEST: {
    kind: "REVIEW_REQUEST",
    name: "Review request",
    settings: { ...REVIEW_REQUEST_SETTINGS },
    // The review delay itself lives in settings (after delivery, or after fulfillment when no delivery comes).
    steps: [
      { position: 0, delayMinutes: 0, channels: ["EMAIL", "SMS", "WHATSAPP"], templates: perLocale(reviewRequest) },
    ],
  },
  ...LIFECYCLE_DEFAULTS,
};

function isFlowChannel(channel: Channel): channel is FlowChannel {
  return (FLOW_CHANNELS as readonly Channel[]).includes(channel);
}

/**
 * The default copy for a step, channel and locale ("reset to default", a channel added
 * to a step). Positions past the defaults use the last default step's copy; locales
 * without default copy use their language, else English. Null for channels flows do not use.
 */
export function defaultTemplate(
  kind: FlowKind,
  position: number,
  channel: Channel,
  locale: string,
): DefaultTemplate | null {
  if (!isFlowChannel(channel)) return null;
  const steps = FLOW_DEFAULTS[kind].steps;
  const step = steps.find((s) => s.position === position) ?? steps[steps.length - 1];
  const language = locale.trim().toLowerCase().replace(/_/g, "-").split("-")[0];
  const key = (DEFAULT_LOCALES as readonly string[]).includes(language) ? (language as DefaultLocale) : "en";
  return step.templates[key][channel];
}
