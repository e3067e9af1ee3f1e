// Messenger/Instagram webhook events that describe our outbound messages, onto DeliveryStatus.
import type { DeliveryStatus } from "../../generated/prisma/enums";

export const META_STATUS_EVENTS = ["delivery", "read"] as const;
export type MetaStatusEvent = (typeof META_STATUS_EVENTS)[number];

const MAP: Record<MetaStatusEvent, DeliveryStatus> = { delivery: "DELIVERED", read: "READ" };

export function mapMetaStatusEvent(event: string | null | undefined): DeliveryStatus | undefined {
  return event ? MAP[event as MetaStatusEvent] : undefined;
}
