// The small standalone page behind the email links (not the embedded admin). Every piece of text
// is escaped: the comment is the customer's own words.
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function page(body: string, status: number): Response {
  const html = `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>Thank you</title></head><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">${body}</body></html>`;
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}

export function thanksPage(token: string, score: number, comment: string | null): Response {
  const form = comment
    ? `<p>Your comment: ${escapeHtml(comment)}</p>`
    : `<form method="post" action="/csat/${encodeURIComponent(token)}"><label for="comment">Anything to add? (optional)</label><br><textarea id="comment" name="comment" rows="4" cols="40" maxlength="1000"></textarea><br><button type="submit">Send</button></form>`;
  return page(`<h1>Thank you!</h1><p>You rated us ${score}/5.</p>${form}`, 200);
}

export function notFoundPage(): Response {
  return page("<h1>This link is not valid</h1><p>It may have expired or been mistyped.</p>", 404);
}
