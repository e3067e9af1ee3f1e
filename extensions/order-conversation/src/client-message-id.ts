// The reply's idempotency key (the routes' clientMessageId): one per distinct reply, so a double
// click or a retry after a lost answer sends once, while an edited reply is a new message.
export function newClientMessageId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join("");
}
