// The demo storefront's HTML: a plain, theme-like page. Every dynamic value is escaped; the app
// embed's output is inserted before </body> exactly as Shopify inserts app embeds.
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface DemoBarState {
  base: string;
  signedInAs: string | null;
  signInCandidate: { id: string; name: string } | null;
  closed: boolean;
  locale: string;
}

function demoBar(s: DemoBarState): string {
  const account = s.signedInAs
    ? `Signed in as <strong>${escapeHtml(s.signedInAs)}</strong> · <a href="${s.base}/account/logout">Sign out</a>`
    : s.signInCandidate
      ? `Browsing anonymously · <a href="${s.base}/account/login?customer=${escapeHtml(s.signInCandidate.id)}">Sign in as ${escapeHtml(s.signInCandidate.name)}</a>`
      : "Browsing anonymously";
  const hours = s.closed
    ? `Chat hours: <strong>closed now</strong> · <a href="${s.base}/settings?hours=open">Open the shop</a>`
    : `Chat hours: <strong>open</strong> · <a href="${s.base}/settings?hours=closed">Pretend the shop is closed</a>`;
  const locales = ["en", "es", "fr"]
    .map((l) =>
      l === s.locale
        ? `<strong>${l.toUpperCase()}</strong>`
        : `<a href="${s.base}/settings?locale=${l}">${l.toUpperCase()}</a>`,
    )
    .join(" ");
  return `<div class="demo-bar" role="note">
  <span>Demo storefront: the chat widget below is the real app embed, talking to the app through an emulated, signed app proxy.</span>
  <span>${account}</span><span>${hours}</span><span>Language: ${locales}</span>
</div>`;
}

const STYLES = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 Georgia,"Times New Roman",serif;color:#1d1d1b;background:#faf8f4}
a{color:#1d1d1b}.demo-bar{display:flex;flex-wrap:wrap;gap:4px 18px;padding:8px 24px;background:#fff3c4;font:13px/1.4 system-ui,sans-serif}
header{display:flex;align-items:center;justify-content:space-between;padding:20px 24px;border-bottom:1px solid #e4ded3}
header .logo{font-size:22px;letter-spacing:.04em;text-decoration:none}nav a{margin-left:20px;text-decoration:none}
main{max-width:1080px;margin:0 auto;padding:32px 24px 120px}h1{font-weight:400;font-size:32px;margin:0 0 24px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:24px}
.card{display:block;text-decoration:none;background:#fff;border:1px solid #e4ded3}
.swatch{aspect-ratio:4/5;background:linear-gradient(135deg,#d9cfc0,#b8a993)}.card div{padding:12px 14px}
.product{display:grid;grid-template-columns:1fr 1fr;gap:40px}.product .swatch{border:1px solid #e4ded3}
.price{font-size:20px}button.buy{padding:12px 28px;font:inherit;background:#1d1d1b;color:#fff;border:0;cursor:pointer}
table{width:100%;border-collapse:collapse}td{padding:10px 0;border-bottom:1px solid #e4ded3}
footer{padding:24px;text-align:center;color:#6b665e;font-size:14px}h1{overflow-wrap:anywhere}
@media (max-width:640px){.product{grid-template-columns:1fr;gap:20px}header{flex-wrap:wrap;gap:8px}nav a{margin:0 16px 0 0}
main{padding:20px 16px 120px}.grid{grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:12px}}`;

export function layout(opts: {
  title: string;
  shopName: string;
  base: string;
  cartCount: number;
  bar: DemoBarState;
  body: string;
  appEmbed: string;
  locale: string;
}): string {
  return `<!doctype html>
<html lang="${escapeHtml(opts.locale)}">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>${escapeHtml(opts.title)} – ${escapeHtml(opts.shopName)}</title>
<style>${STYLES}</style>
</head>
<body>
${demoBar(opts.bar)}
<header><a class="logo" href="${opts.base}">${escapeHtml(opts.shopName)}</a>
<nav><a href="${opts.base}">Home</a><a href="${opts.base}/collections/all">Shop all</a><a href="${opts.base}/cart">Cart (${opts.cartCount})</a></nav></header>
<main>${opts.body}</main>
<footer>© ${escapeHtml(opts.shopName)} · a Threadline demo</footer>
${opts.appEmbed}
</body>
</html>`;
}
