// The five policies a typical shop fills in under Settings → Policies, as Shopify stores them: HTML
// from the rich-text editor (headings, paragraphs, lists, links, entities).
import type { FakeShopPolicy } from "./dataset";

const DAY = 24 * 3600 * 1000;
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

const REFUND = `<h2>Returns</h2>
<p>We have a <strong>30-day return policy</strong>, which means you have 30 days after receiving your item to request a return.</p>
<p>To be eligible for a return, your item must be in the same condition that you received it: unworn or unused, with tags, and in its original packaging. You&rsquo;ll also need the receipt or proof of purchase.</p>
<p>To start a return, contact us at <a href="mailto:returns@threadline-demo.example.com">returns@threadline-demo.example.com</a>. Items sent back to us without first requesting a return will not be accepted.</p>
<h2>Damages and issues</h2>
<p>Please inspect your order upon reception and contact us immediately if the item is defective, damaged or if you receive the wrong item, so that we can evaluate the issue and make it right.</p>
<h2>Exceptions / non-returnable items</h2>
<p>Certain types of items cannot be returned:</p>
<ul><li>Gift cards</li><li>Sale items</li><li>Socks and underwear, for hygiene reasons</li></ul>
<h2>Exchanges</h2>
<p>The fastest way to ensure you get what you want is to return the item you have, and once the return is accepted, make a separate purchase for the new item.</p>
<h2>Refunds</h2>
<p>We will notify you once we&rsquo;ve received and inspected your return, and let you know if the refund was approved or not. If approved, you&rsquo;ll be automatically refunded on your original payment method within 10 business days.</p>`;

const SHIPPING = `<h2>Processing time</h2>
<p>Orders are packed and handed to the carrier within <strong>1&ndash;2 business days</strong>. Orders placed on weekends or holidays ship the next business day.</p>
<h2>Domestic shipping</h2>
<p>Standard shipping within the United States takes 3&ndash;5 business days and costs $8. Orders over $100 ship free.<br>Express shipping (1&ndash;2 business days) costs $20.</p>
<h2>International shipping</h2>
<p>We ship to Canada, the United Kingdom and the European Union. Delivery takes 7&ndash;14 business days. Import duties and taxes are paid by the recipient on delivery.</p>
<h2>Tracking your order</h2>
<p>As soon as your order ships you receive an email with its tracking number and a link to follow the parcel.</p>`;

const PRIVACY = `<h1>Privacy policy</h1>
<p>This Privacy Policy describes how Threadline Demo Outfitters collects, uses and discloses your personal information when you visit or make a purchase from the shop.</p>
<h2>Personal information we collect</h2>
<p>When you make a purchase we collect your name, billing and shipping address, payment details, email address and phone number, so that we can fulfil your order.</p>
<h2>How we use your personal information</h2>
<ul><li>To process orders and send you updates about them</li><li>To answer your questions</li><li>With your consent, to send you news and offers</li></ul>
<h2>Your rights</h2>
<p>You may ask us to access, correct or delete the personal information we hold about you. Write to <a href="mailto:privacy@threadline-demo.example.com">privacy@threadline-demo.example.com</a>.</p>`;

const TERMS = `<h2>Overview</h2>
<p>This website is operated by Threadline Demo Outfitters. By visiting the site or purchasing from us you agree to the following terms and conditions.</p>
<h2>Products and prices</h2>
<p>Prices are shown in US dollars and include no taxes. We may change prices at any time; an order is charged at the price shown when it was placed.</p>
<h2>Accuracy of billing and account information</h2>
<p>We reserve the right to refuse any order you place with us. You agree to provide current, complete and accurate purchase and account information.</p>
<h2>Governing law</h2>
<p>These terms are governed by the laws of the State of New York.</p>`;

const CONTACT = `<p><strong>Threadline Demo Outfitters</strong><br>
120 Market Street<br>Brooklyn, NY 11201<br>United States</p>
<p>Email: <a href="mailto:hello@threadline-demo.example.com">hello@threadline-demo.example.com</a><br>
Phone: +1 (718) 555-0100, Monday to Friday, 9&nbsp;am&ndash;5&nbsp;pm Eastern</p>`;

const POLICIES: { type: FakeShopPolicy["type"]; title: string; handle: string; body: string }[] = [
  { type: "REFUND_POLICY", title: "Refund policy", handle: "refund-policy", body: REFUND },
  { type: "SHIPPING_POLICY", title: "Shipping policy", handle: "shipping-policy", body: SHIPPING },
  { type: "PRIVACY_POLICY", title: "Privacy policy", handle: "privacy-policy", body: PRIVACY },
  { type: "TERMS_OF_SERVICE", title: "Terms of service", handle: "terms-of-service", body: TERMS },
  { type: "CONTACT_INFORMATION", title: "Contact information", handle: "contact-information", body: CONTACT },
];

export function generateShopPolicies(domain: string, now: number): FakeShopPolicy[] {
  return POLICIES.map((p, i) => ({
    id: `gid://shopify/ShopPolicy/${24_000_000 + i}`,
    type: p.type,
    title: p.title,
    body: p.body,
    url: `https://${domain}/policies/${p.handle}`,
    createdAt: iso(now - (200 + i) * DAY),
    updatedAt: iso(now - (20 + i) * DAY),
  }));
}
