// The order status as the customer reads it, in their language (en, es, fr). Pure, so the
// automatic answer (live Admin API read) and the staff reply suggestion (stored rows) say the
// same thing about the same order.
import type { KnowledgeLocale } from "../knowledge/contracts";

export interface TrackedFulfillment {
  /** Shopify FulfillmentDisplayStatus (IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED…). */
  displayStatus: string | null;
  company: string | null;
  number: string | null;
  url: string | null;
  estimatedDeliveryAt: Date | null;
  deliveredAt: Date | null;
}

export interface TrackedOrder {
  /** "#1001" */
  name: string;
  cancelledAt: Date | null;
  /** Shopify OrderDisplayFulfillmentStatus (UNFULFILLED, PARTIALLY_FULFILLED, FULFILLED…). */
  displayFulfillmentStatus: string | null;
  statusPageUrl: string | null;
  fulfillments: TrackedFulfillment[];
}

type Status =
  | { kind: "preparing" }
  | { kind: "on_its_way" }
  | { kind: "out_for_delivery" }
  | { kind: "attempted" }
  | { kind: "problem" }
  | { kind: "ready_for_pickup" }
  | { kind: "delivered"; on: string | null };

interface Words {
  status: (s: Status) => string;
  order: (name: string, status: string) => string;
  cancelled: (name: string) => string;
  shipments: (name: string, count: number) => string;
  shipment: (index: number, status: string) => string;
  carrier: (c: string) => string;
  trackingNumber: (n: string) => string;
  trackingLink: (u: string) => string;
  estimate: (d: string) => string;
  statusPage: (u: string) => string;
  notShippedYet: string;
}

const WORDS: Record<KnowledgeLocale, Words> = {
  en: {
    status: (s) =>
      ({
        preparing: "is being prepared",
        on_its_way: "is on its way",
        out_for_delivery: "is out for delivery",
        attempted: "had a delivery attempt",
        problem: "has a delivery problem reported by the carrier",
        ready_for_pickup: "is ready for pickup",
        delivered: s.kind === "delivered" && s.on ? `was delivered on ${s.on}` : "was delivered",
      })[s.kind],
    order: (name, status) => `Your order ${name} ${status}.`,
    cancelled: (name) => `Your order ${name} was cancelled.`,
    shipments: (name, count) => `Your order ${name} was sent in ${count} shipments.`,
    shipment: (i, status) => `Shipment ${i} ${status}.`,
    carrier: (c) => `Carrier: ${c}`,
    trackingNumber: (n) => `Tracking number: ${n}`,
    trackingLink: (u) => `Track it: ${u}`,
    estimate: (d) => `Estimated delivery: ${d}`,
    statusPage: (u) => `Order status: ${u}`,
    notShippedYet: "The rest of the order is being prepared.",
  },
  es: {
    status: (s) =>
      ({
        preparing: "se está preparando",
        on_its_way: "está en camino",
        out_for_delivery: "está en reparto",
        attempted: "tuvo un intento de entrega",
        problem: "tiene un problema de entrega indicado por el transportista",
        ready_for_pickup: "está listo para recoger",
        delivered: s.kind === "delivered" && s.on ? `se entregó el ${s.on}` : "se entregó",
      })[s.kind],
    order: (name, status) => `Tu pedido ${name} ${status}.`,
    cancelled: (name) => `Tu pedido ${name} se canceló.`,
    shipments: (name, count) => `Tu pedido ${name} se envió en ${count} paquetes.`,
    shipment: (i, status) => `El paquete ${i} ${status}.`,
    carrier: (c) => `Transportista: ${c}`,
    trackingNumber: (n) => `Número de seguimiento: ${n}`,
    trackingLink: (u) => `Seguimiento: ${u}`,
    estimate: (d) => `Entrega estimada: ${d}`,
    statusPage: (u) => `Estado del pedido: ${u}`,
    notShippedYet: "El resto del pedido se está preparando.",
  },
  fr: {
    status: (s) =>
      ({
        preparing: "est en cours de préparation",
        on_its_way: "est en route",
        out_for_delivery: "est en cours de livraison",
        attempted: "a fait l'objet d'une tentative de livraison",
        problem: "a un problème de livraison signalé par le transporteur",
        ready_for_pickup: "est prêt à être retiré",
        delivered: s.kind === "delivered" && s.on ? `a été livré le ${s.on}` : "a été livré",
      })[s.kind],
    order: (name, status) => `Votre commande ${name} ${status}.`,
    cancelled: (name) => `Votre commande ${name} a été annulée.`,
    shipments: (name, count) => `Votre commande ${name} a été envoyée en ${count} colis.`,
    shipment: (i, status) => `Le colis ${i} ${status}.`,
    carrier: (c) => `Transporteur : ${c}`,
    trackingNumber: (n) => `Numéro de suivi : ${n}`,
    trackingLink: (u) => `Suivi : ${u}`,
    estimate: (d) => `Livraison estimée : ${d}`,
    statusPage: (u) => `Suivi de la commande : ${u}`,
    notShippedYet: "Le reste de la commande est en cours de préparation.",
  },
};

// French "la commande … est en route" agrees with a feminine noun; the per-shipment sentences use
// "colis" (masculine), so only the single-order sentence needs the feminine forms.
const FR_ORDER_FEMININE: Partial<Record<Status["kind"], (on: string | null) => string>> = {
  ready_for_pickup: () => "est prête à être retirée",
  delivered: (on) => (on ? `a été livrée le ${on}` : "a été livrée"),
};
// Spanish "pedido" and "paquete" are both masculine: no agreement needed.

const LOCALE_TAGS: Record<KnowledgeLocale, string> = { en: "en-US", es: "es-ES", fr: "fr-FR" };

function formatDate(date: Date, locale: KnowledgeLocale, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { weekday: "long", day: "numeric", month: "long" };
  try {
    return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { ...options, timeZone }).format(date);
  } catch {
    // An unknown zone name from the shop's settings must not stop the answer.
    return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { ...options, timeZone: "UTC" }).format(date);
  }
}

function statusOf(f: TrackedFulfillment, locale: KnowledgeLocale, timeZone: string): Status {
  const on = f.deliveredAt ? formatDate(f.deliveredAt, locale, timeZone) : null;
  if (f.deliveredAt) return { kind: "delivered", on };
  switch (f.displayStatus) {
    case "DELIVERED":
    case "PICKED_UP":
      return { kind: "delivered", on };
    case "OUT_FOR_DELIVERY":
      return { kind: "out_for_delivery" };
    case "ATTEMPTED_DELIVERY":
      return { kind: "attempted" };
    case "FAILURE":
    case "NOT_DELIVERED":
      return { kind: "problem" };
    case "READY_FOR_PICKUP":
      return { kind: "ready_for_pickup" };
    // A label exists but the carrier does not have the parcel yet.
    case "LABEL_PURCHASED":
    case "LABEL_PRINTED":
    case "SUBMITTED":
      return { kind: "preparing" };
    default:
      return { kind: "on_its_way" };
  }
}

function orderStatusWords(status: Status, locale: KnowledgeLocale): string {
  if (locale === "fr") {
    const feminine = FR_ORDER_FEMININE[status.kind];
    if (feminine) return feminine(status.kind === "delivered" ? status.on : null);
  }
  return WORDS[locale].status(status);
}

function detailLines(f: TrackedFulfillment, status: Status, locale: KnowledgeLocale, timeZone: string): string[] {
  const w = WORDS[locale];
  const lines: string[] = [];
  if (f.company) lines.push(w.carrier(f.company));
  if (f.number) lines.push(w.trackingNumber(f.number));
  if (f.url) lines.push(w.trackingLink(f.url));
  if (f.estimatedDeliveryAt && status.kind !== "delivered") {
    lines.push(w.estimate(formatDate(f.estimatedDeliveryAt, locale, timeZone)));
  }
  return lines;
}

/** Status, carrier, tracking number and link, delivery estimate; one block per shipment. */
export function orderStatusText(order: TrackedOrder, locale: KnowledgeLocale, timeZone: string): string {
  const w = WORDS[locale];
  if (order.cancelledAt) return w.cancelled(order.name);

  const shipments = order.fulfillments.filter((f) => f.displayStatus !== "CANCELED");
  const unshippedRest = order.displayFulfillmentStatus === "PARTIALLY_FULFILLED" ? [w.notShippedYet] : ([] as string[]);

  if (shipments.length === 0) {
    const lines = [w.order(order.name, orderStatusWords({ kind: "preparing" }, locale))];
    if (order.statusPageUrl) lines.push(w.statusPage(order.statusPageUrl));
    return lines.join("\n");
  }

  if (shipments.length === 1) {
    const f = shipments[0]!;
    const status = statusOf(f, locale, timeZone);
    return [
      w.order(order.name, orderStatusWords(status, locale)),
      ...detailLines(f, status, locale, timeZone),
      ...unshippedRest,
    ].join("\n");
  }

  const blocks = shipments.map((f, i) => {
    const status = statusOf(f, locale, timeZone);
    return [w.shipment(i + 1, w.status(status)), ...detailLines(f, status, locale, timeZone)].join("\n");
  });
  return [w.shipments(order.name, shipments.length), ...blocks, ...unshippedRest].join("\n\n");
}
