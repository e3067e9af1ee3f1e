// Public unsubscribe page for marketing email: /unsubscribe/<signed token>.
// GET only shows a button (mail scanners prefetch links, so a GET must change nothing);
// POST (the button, or an RFC 8058 one-click "List-Unsubscribe=One-Click" post from the mail
// client) revokes the channel's marketing consent. Plain, standalone page: not the embedded admin.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../db/client.server";
import { verifyUnsubscribeToken } from "../consent/unsubscribe-link.server";
import { revokeConsent } from "../consent/revoke-consent.server";
import { logger } from "../lib/logger.server";

export type UnsubscribeState = "ask" | "done" | "invalid";

export interface UnsubscribeView {
  state: UnsubscribeState;
  shopName: string | null;
}

async function subjectOf(token: string | undefined) {
  const subject = verifyUnsubscribeToken(token);
  if (!subject) return null;
  const customer = await db().customer.findFirst({
    where: { id: subject.customerId, shopId: subject.shopId },
    select: { id: true, shop: { select: { name: true, domain: true } } },
  });
  return customer ? { ...subject, shopName: customer.shop.name || customer.shop.domain } : null;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const subject = await subjectOf(params.token);
  if (!subject) return json<UnsubscribeView>({ state: "invalid", shopName: null }, { status: 404 });
  return json<UnsubscribeView>({ state: "ask", shopName: subject.shopName });
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return json<UnsubscribeView>({ state: "invalid", shopName: null }, { status: 405 });
  const subject = await subjectOf(params.token);
  if (!subject) {
    logger.warn({ route: "unsubscribe" }, "unsubscribe POST with an invalid token");
    return json<UnsubscribeView>({ state: "invalid", shopName: null }, { status: 404 });
  }
  await revokeConsent({
    shopId: subject.shopId,
    customerId: subject.customerId,
    channel: subject.channel,
    purposes: ["MARKETING"],
    source: "UNSUBSCRIBE_LINK",
  });
  return json<UnsubscribeView>({ state: "done", shopName: subject.shopName });
}

export const meta: MetaFunction = () => [{ title: "Unsubscribe" }, { name: "robots", content: "noindex" }];

const styles = {
  page: {
    fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
    maxWidth: 480,
    margin: "64px auto",
    padding: "0 24px",
    color: "#202223",
    lineHeight: 1.5,
  },
  button: {
    font: "inherit",
    fontWeight: 600,
    padding: "10px 20px",
    border: "none",
    borderRadius: 8,
    background: "#202223",
    color: "#fff",
    cursor: "pointer",
  },
} as const;

/** The page itself, rendered from plain props (tested on its own). */
export function UnsubscribePage({ view }: { view: UnsubscribeView }) {
  const from = view.shopName ? ` from ${view.shopName}` : "";
  return (
    <main style={styles.page}>
      {view.state === "invalid" && (
        <>
          <h1>This link does not work</h1>
          <p>The unsubscribe link is incomplete or no longer valid. Use the link in a recent email instead.</p>
        </>
      )}
      {view.state === "ask" && (
        <>
          <h1>Unsubscribe</h1>
          <p>Stop receiving marketing emails{from}? You will still get emails about your orders.</p>
          {/* A plain form: works without JavaScript, posts to this same URL. */}
          <form method="post">
            <button type="submit" style={styles.button}>
              Unsubscribe
            </button>
          </form>
        </>
      )}
      {view.state === "done" && (
        <>
          <h1>You&apos;re unsubscribed</h1>
          <p>You will get no more marketing emails{from}. Emails about your orders will still arrive.</p>
        </>
      )}
    </main>
  );
}

export default function UnsubscribeRoute() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  return <UnsubscribePage view={acted ?? loaded} />;
}
