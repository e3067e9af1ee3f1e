// PLACEHOLDER copy for the location-promotion flow: its helper replaces this file with the real steps and copy.
import { hi, lines, perLocale, stopLine, unsubscribeLine, type DefaultStep } from "../../copy-blocks";

export const locationPromotionSteps: DefaultStep[] = [
  {
    position: 0,
    delayMinutes: 0,
    channels: ["EMAIL", "SMS", "WHATSAPP"],
    templates: perLocale((l) => ({
      SMS: { subject: null, body: `${hi[l]}, news from {{ shop.name }}. ${stopLine[l]}` },
      WHATSAPP: { subject: null, body: `${hi[l]}, news from {{ shop.name }}.` },
      EMAIL: { subject: "{{ shop.name }}", body: lines(`${hi[l]},`, "", "{{ shop.url }}", "", unsubscribeLine[l]) },
    })),
  },
];
