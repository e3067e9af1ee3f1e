// The order status as the customer reads it (app/order-tracking/order-status-text.ts): plain
// words, carrier, tracking number and link, the estimate in the shop's time zone and the
// customer's language; one block per shipment.
import { describe, expect, it } from "vitest";
import { orderStatusText, type TrackedOrder } from "../../app/order-tracking/order-status-text";

const inTransit = {
  displayStatus: "IN_TRANSIT",
  company: "UPS",
  number: "1Z999AA10123456784",
  url: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
  // 03:00 UTC on the 5th is still the 4th in New York.
  estimatedDeliveryAt: new Date("2026-12-05T03:00:00Z"),
  deliveredAt: null,
};
const order: TrackedOrder = {
  name: "#1001",
  cancelledAt: null,
  displayFulfillmentStatus: "FULFILLED",
  statusPageUrl: "https://shop.example.com/orders/abc",
  fulfillments: [inTransit],
};

describe("orderStatusText", () => {
  it("GIVEN one shipment on its way THEN status, carrier, tracking number, link and the estimate in the shop's zone, in English, Spanish and French", () => {
    expect(orderStatusText(order, "en", "America/New_York")).toBe(
      [
        "Your order #1001 is on its way.",
        "Carrier: UPS",
        "Tracking number: 1Z999AA10123456784",
        "Track it: https://www.ups.com/track?tracknum=1Z999AA10123456784",
        "Estimated delivery: Friday, December 4",
      ].join("\n"),
    );
    expect(orderStatusText(order, "es", "America/New_York")).toBe(
      [
        "Tu pedido #1001 está en camino.",
        "Transportista: UPS",
        "Número de seguimiento: 1Z999AA10123456784",
        "Seguimiento: https://www.ups.com/track?tracknum=1Z999AA10123456784",
        "Entrega estimada: viernes, 4 de diciembre",
      ].join("\n"),
    );
    expect(orderStatusText(order, "fr", "Europe/Paris")).toBe(
      [
        "Votre commande #1001 est en route.",
        "Transporteur : UPS",
        "Numéro de suivi : 1Z999AA10123456784",
        "Suivi : https://www.ups.com/track?tracknum=1Z999AA10123456784",
        "Livraison estimée : samedi 5 décembre",
      ].join("\n"),
    );
  });

  it("GIVEN several shipments THEN each is listed with its own status and tracking; a delivered one says when", () => {
    const two: TrackedOrder = {
      ...order,
      fulfillments: [
        { ...inTransit, displayStatus: "OUT_FOR_DELIVERY" },
        {
          displayStatus: "DELIVERED",
          company: "DHL Express",
          number: "JD014600006281230704",
          url: null,
          estimatedDeliveryAt: new Date("2026-11-30T12:00:00Z"),
          deliveredAt: new Date("2026-12-01T12:00:00Z"),
        },
        { ...inTransit, displayStatus: "CANCELED" },
      ],
    };
    expect(orderStatusText(two, "en", "UTC")).toBe(
      [
        "Your order #1001 was sent in 2 shipments.",
        [
          "Shipment 1 is out for delivery.",
          "Carrier: UPS",
          "Tracking number: 1Z999AA10123456784",
          "Track it: https://www.ups.com/track?tracknum=1Z999AA10123456784",
          "Estimated delivery: Saturday, December 5",
        ].join("\n"),
        [
          "Shipment 2 was delivered on Tuesday, December 1.",
          "Carrier: DHL Express",
          "Tracking number: JD014600006281230704",
        ].join("\n"),
      ].join("\n\n"),
    );
    expect(orderStatusText(two, "fr", "UTC")).toContain("Le colis 2 a été livré le mardi 1 décembre.");
    expect(orderStatusText(two, "es", "UTC")).toContain("El paquete 2 se entregó el martes, 1 de diciembre.");
  });

  it("GIVEN a cancelled order THEN it only says so, whatever its shipments", () => {
    const cancelled = { ...order, cancelledAt: new Date("2026-12-01T10:00:00Z") };
    expect(orderStatusText(cancelled, "en", "UTC")).toBe("Your order #1001 was cancelled.");
    expect(orderStatusText(cancelled, "es", "UTC")).toBe("Tu pedido #1001 se canceló.");
    expect(orderStatusText(cancelled, "fr", "UTC")).toBe("Votre commande #1001 a été annulée.");
  });

  it("GIVEN no shipment yet THEN being prepared, with the order status page", () => {
    const unfulfilled = { ...order, displayFulfillmentStatus: "UNFULFILLED", fulfillments: [] };
    expect(orderStatusText(unfulfilled, "en", "UTC")).toBe(
      "Your order #1001 is being prepared.\nOrder status: https://shop.example.com/orders/abc",
    );
    expect(orderStatusText(unfulfilled, "fr", "UTC")).toBe(
      "Votre commande #1001 est en cours de préparation.\nSuivi de la commande : https://shop.example.com/orders/abc",
    );
  });

  it("GIVEN a single delivered shipment THEN the delivery date and no estimate; French agrees with 'commande'", () => {
    const delivered = {
      ...order,
      fulfillments: [{ ...inTransit, displayStatus: "DELIVERED", deliveredAt: new Date("2026-12-03T15:00:00Z") }],
    };
    expect(orderStatusText(delivered, "en", "UTC").split("\n")).toEqual([
      "Your order #1001 was delivered on Thursday, December 3.",
      "Carrier: UPS",
      "Tracking number: 1Z999AA10123456784",
      "Track it: https://www.ups.com/track?tracknum=1Z999AA10123456784",
    ]);
    expect(orderStatusText(delivered, "fr", "UTC")).toMatch(/^Votre commande #1001 a été livrée le jeudi 3 décembre\./);
  });

  it("GIVEN a label only, or part of the order shipped THEN being prepared / the rest is being prepared", () => {
    const label = { ...order, fulfillments: [{ ...inTransit, displayStatus: "LABEL_PRINTED" }] };
    expect(orderStatusText(label, "en", "UTC")).toMatch(/^Your order #1001 is being prepared\.\nCarrier: UPS/);
    const partial = { ...order, displayFulfillmentStatus: "PARTIALLY_FULFILLED" };
    expect(orderStatusText(partial, "es", "UTC").split("\n").at(-1)).toBe("El resto del pedido se está preparando.");
  });

  it("GIVEN an unknown time zone name THEN the date is still written (UTC)", () => {
    expect(orderStatusText(order, "en", "Mars/Olympus")).toContain("Estimated delivery: Saturday, December 5");
  });
});
