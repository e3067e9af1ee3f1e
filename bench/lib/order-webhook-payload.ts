// The orders/create body both intake benchmarks send: the fixture order, with "__N__" (the request's
// sequence number) making every order, customer, email and phone distinct (load-generator.ts).
import { readFileSync } from "node:fs";

export function orderPayloadTemplate(): string {
  const order = JSON.parse(readFileSync("tests/fixtures/webhooks/orders-create.json", "utf8"));
  return JSON.stringify({
    ...order,
    id: 1_000_000_000,
    name: "#B__N__",
    email: "bench__N__@example.com",
    phone: "+1415555__P4__",
    checkout_token: null,
    customer: { ...order.customer, id: 2_000_000_000, email: "bench__N__@example.com", phone: "+1415555__P4__" },
  })
    .replace('"id":1000000000', '"id":1__N__')
    .replace('"id":2000000000', '"id":2__N__');
}
