// What a storefront chat shopper is doing right now: the page the widget last reported, and the
// email they asked to be answered at when they wrote outside business hours. Shopper-supplied
// strings, rendered as text. The page is a link only when its address is on one of the shop's own
// hosts (app/chat/storefront-hosts.ts) and intake did not flag it: anything else is plain text, so
// a shopper cannot put a link to a phishing page in front of staff.
import { Banner, BlockStack, Card, Link, Text } from "@shopify/polaris";
import { linkableStorefrontUrl } from "../chat/storefront-hosts";
import { formatDateTime } from "./format";

interface VisitorPageJson {
  url?: string;
  type?: string;
  title?: string;
  product?: { title?: string; price?: string };
  collection?: { title?: string };
  cart?: { itemCount?: number; total?: string };
  foreignHost?: boolean;
}

function pageLabel(page: VisitorPageJson): string {
  if (page.product?.title) return [page.product.title, page.product.price].filter(Boolean).join(" · ");
  if (page.collection?.title) return `Collection: ${page.collection.title}`;
  if (page.cart) {
    const n = page.cart.itemCount ?? 0;
    return `Cart: ${n} item${n === 1 ? "" : "s"}${page.cart.total ? ` · ${page.cart.total}` : ""}`;
  }
  return page.title ?? page.url ?? "A page of the store";
}

export function ShopperOnStorefront({
  page,
  seenAt,
  replyEmail,
  format,
  shopHosts,
}: {
  /** The shop's own storefront hosts (storefrontHostsOf). */
  shopHosts: readonly string[];
  page: unknown;
  seenAt: string | null;
  replyEmail: string | null;
  format: Parameters<typeof formatDateTime>[1];
}) {
  const visitorPage = page && typeof page === "object" ? (page as VisitorPageJson) : null;
  if (!visitorPage && !replyEmail) return null;
  const safeUrl = visitorPage && !visitorPage.foreignHost ? linkableStorefrontUrl(visitorPage.url, shopHosts) : null;
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          On the storefront
        </Text>
        {replyEmail ? (
          <Banner tone="info">
            <Text as="p">
              Wrote while the shop was closed and asked for the answer by email, at {replyEmail}. Replies here default
              to email.
            </Text>
          </Banner>
        ) : null}
        {visitorPage ? (
          <BlockStack gap="100">
            <Text as="p" variant="bodySm" tone="subdued">
              {`Viewing${seenAt ? ` (as of ${formatDateTime(seenAt, format)})` : ""}`}
            </Text>
            {safeUrl ? (
              <Link url={safeUrl} target="_blank" removeUnderline>
                {pageLabel(visitorPage)}
              </Link>
            ) : (
              <BlockStack gap="050">
                <Text as="p">{pageLabel(visitorPage)}</Text>
                {visitorPage.url && pageLabel(visitorPage) !== visitorPage.url ? (
                  <Text as="p" variant="bodySm" tone="subdued" breakWord>
                    {visitorPage.url}
                  </Text>
                ) : null}
              </BlockStack>
            )}
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
