// Importing knowledge through the Knowledge page's upload route (multipart, demo mode): CSV with
// BOM, CRLF and quoted commas, quotes and line breaks; all or nothing with every problem listed by
// row; re-importing the same file updates instead of duplicating; Markdown split at its headings;
// text split at blank lines; size and row limits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { questionHash } from "../../app/knowledge/csv-import.server";
import { createShop } from "../support/factories";
import { postToAdminRoute, signInDemoAdmin, signOutDemoAdmin } from "../support/admin-route";

async function upload(name: string, content: string | Uint8Array<ArrayBuffer>, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set("file", new File([content], name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return postToAdminRoute(() => import("../../app/routes/app.knowledge.import"), "/app/knowledge/import", form);
}

let shopId: string;
const articles = (where: object = {}) =>
  db().knowledgeArticle.findMany({ where: { shopId, ...where }, orderBy: { title: "asc" } });

beforeAll(async () => {
  await signInDemoAdmin();
  // A French-speaking shop: rows without a locale are French.
  const shop = await createShop();
  shopId = (await db().shop.update({ where: { id: shop.id }, data: { primaryLocale: "fr-CA" } })).id;
});

afterAll(signOutDemoAdmin);

const FAQ_CSV =
  "\uFEFFquestion,answer,tags,locale\r\n" +
  '"Do you ship to Spain, Portugal or Italy?","Yes: we ship to all three.\r\nDelivery takes ""about"" 5 days.",shipping|europe,en\r\n' +
  '¿Aceptan devoluciones?,Sí: 30 días.,"returns, refunds;policy",es\r\n' +
  "Livrez-vous le samedi ?,Non.,shipping,\r\n";

describe("CSV import", () => {
  it("GIVEN a CSV with a BOM, CRLF and quoted commas, quotes and line breaks WHEN imported THEN every row is a published CSV article", async () => {
    const { status, body } = await upload("faq.csv", FAQ_CSV);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, created: 3, updated: 0, total: 3 });
    const rows = await articles();
    expect(rows.map((r) => [r.title, r.answer, r.tags, r.locale, r.status, r.source])).toEqual([
      [
        "Do you ship to Spain, Portugal or Italy?",
        'Yes: we ship to all three.\nDelivery takes "about" 5 days.',
        ["shipping", "europe"],
        "en",
        "PUBLISHED",
        "CSV",
      ],
      ["Livrez-vous le samedi ?", "Non.", ["shipping"], "fr", "PUBLISHED", "CSV"],
      ["¿Aceptan devoluciones?", "Sí: 30 días.", ["returns", "refunds", "policy"], "es", "PUBLISHED", "CSV"],
    ]);
    expect(rows[0]!.sourceRef).toBe(`faq.csv#${questionHash("Do you ship to Spain, Portugal or Italy?")}`);
    expect(await db().knowledgeSection.count({ where: { shopId, published: true } })).toBeGreaterThanOrEqual(3);
  });

  it("GIVEN the same file again, edited, as drafts WHEN imported THEN its articles are updated, not duplicated", async () => {
    const before = await articles();
    const edited = FAQ_CSV.replace("Sí: 30 días.", "Sí: 60 días.").replace("DO YOU", "Do you");
    const { status, body } = await upload("faq.csv", edited.replace("Do you ship", "do you  SHIP"), { asDrafts: "on" });
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, created: 0, updated: 3 });
    const after = await articles();
    expect(after.map((a) => a.id).sort()).toEqual(before.map((b) => b.id).sort());
    expect(after.find((a) => a.locale === "es")!.answer).toBe("Sí: 60 días.");
    expect(after.every((a) => a.status === "DRAFT")).toBe(true);
    expect(await db().knowledgeSection.count({ where: { shopId, published: true } })).toBe(0);
  });

  it("GIVEN a file with one bad answer and one bad locale WHEN imported THEN nothing is imported and each row's problem is listed", async () => {
    const good = (n: number) => `Question ${n}?,Answer ${n}.,tag${n},en`;
    const lines = ["question,answer,tags,locale"];
    for (let row = 2; row <= 13; row++) {
      if (row === 7) lines.push('Question 7?,"   ",,en');
      else if (row === 12) lines.push("Question 12?,Answer 12.,,de");
      else lines.push(good(row));
    }
    const count = await db().knowledgeArticle.count({ where: { shopId } });
    const { status, body } = await upload("bad.csv", lines.join("\n"));
    expect(status).toBe(400);
    expect(body.ok).toBe(false);
    expect(body.message).toBe("Nothing was imported: 2 problems in the file.");
    expect(body.errors).toEqual(["Row 7: answer is empty", "Row 12: locale 'de' is not one of en, es, fr"]);
    expect(await db().knowledgeArticle.count({ where: { shopId } })).toBe(count);
  });

  it("GIVEN rows with other problems WHEN imported THEN each is named by its spreadsheet row", async () => {
    const csv = [
      "answer,question,tags",
      ",Empty answer?,",
      `Fine,${"Q".repeat(301)},`,
      `Fine,Too many tags?,${Array.from({ length: 21 }, (_, i) => `t${i}`).join("|")}`,
      `Fine,Long tag?,${"x".repeat(41)}`,
      "only,two",
      "Fine,Empty answer?,",
      '"multi\nline answer",empty  ANSWER?,',
    ].join("\n");
    const { status, body } = await upload("problems.csv", csv);
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      "Row 2: answer is empty",
      "Row 3: question is longer than 300 characters",
      "Row 4: more than 20 tags",
      "Row 5: tag 'xxxxxxxxxxxxxxxxxxxx…' is longer than 40 characters",
      "Row 6: has 2 fields, the header has 3",
      "Row 8: the same question as row 7",
    ]);
  });

  it("GIVEN a header that is not question,answer,tags,locale WHEN imported THEN the header problem is named", async () => {
    const { status, body } = await upload("h.csv", "question,reply,notes\nq,a,n\n");
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      "Row 1: unknown column 'reply' (the columns are question, answer, tags, locale)",
      "Row 1: unknown column 'notes' (the columns are question, answer, tags, locale)",
      "Row 1: the header has no 'answer' column",
    ]);
    const broken = await upload("q.csv", 'question,answer\n"never closed,x\n');
    expect(broken.body.errors).toEqual(["Row 2: has a quoted field that is never closed"]);
  });

  it("GIVEN a file over 5 MB, over 5,000 rows, not UTF-8 or not a known type WHEN imported THEN a clear 413 or 400 answers", async () => {
    const big = await upload("big.csv", "question,answer\n" + "q,a\n".repeat(1_400_000));
    expect(big.status).toBe(413);
    expect(big.body.message).toBe("The file is larger than 5 MB. Split it into smaller files and import each.");
    const rows = ["question,answer", ...Array.from({ length: 5001 }, (_, i) => `Q${i}?,A`)].join("\n");
    const many = await upload("many.csv", rows);
    expect(many.status).toBe(400);
    expect(many.body.message).toBe(
      "The file has 5,001 rows; at most 5,000 can be imported at once. Split it into smaller files.",
    );
    const latin1 = await upload("latin1.csv", new Uint8Array([0x71, 0x2c, 0x61, 0x0a, 0xe9, 0x2c, 0x61, 0x0a]));
    expect(latin1.status).toBe(400);
    expect(latin1.body.message).toMatch(/not UTF-8/);
    const pdf = await upload("faq.pdf", "%PDF");
    expect(pdf.body.message).toBe("Choose a .csv, .md or .txt file.");
  });
});

const GUIDE_MD = `# Help centre

## Shipping times

Orders ship within **2 days**.

### Express
Next day in mainland UK.

\`\`\`
# not a heading inside a fence
\`\`\`

## Returns & refunds (EU)
You can return anything within 30 days.
`;

describe("Markdown and text import", () => {
  it("GIVEN a Markdown file WHEN imported THEN each #/## heading with text under it is a DOCUMENT article keyed by its slug", async () => {
    const { status, body } = await upload("guide.md", GUIDE_MD, { locale: "en" });
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, created: 2, total: 2 });
    const docs = await articles({ source: "DOCUMENT" });
    expect(docs.map((d) => [d.title, d.sourceRef, d.locale, d.status])).toEqual([
      ["Returns & refunds (EU)", "guide.md#returns-refunds-eu", "en", "PUBLISHED"],
      ["Shipping times", "guide.md#shipping-times", "en", "PUBLISHED"],
    ]);
    const shipping = docs.find((d) => d.title === "Shipping times")!;
    expect(shipping.answer).toContain("### Express");
    expect(shipping.answer).toContain("# not a heading inside a fence");

    const again = await upload("guide.md", GUIDE_MD.replace("30 days", "45 days"), { locale: "en" });
    expect(again.body).toMatchObject({ ok: true, created: 0, updated: 2 });
    expect((await articles({ source: "DOCUMENT" })).find((d) => d.title.startsWith("Returns"))!.answer).toContain(
      "45 days",
    );
  });

  it("GIVEN a text file without headings WHEN imported THEN each paragraph's first line is the title, and a lone line titles the next paragraph", async () => {
    const text =
      "Gift cards\r\n\r\nYes, we sell gift cards.\r\nThey never expire.\r\n\r\nCan I pay with PayPal?\r\nYes.\r\n";
    const { status, body } = await upload("notes.txt", text, { locale: "fr", asDrafts: "on" });
    expect(status).toBe(200);
    expect(body).toMatchObject({ created: 2 });
    const docs = await articles({ sourceRef: { startsWith: "notes.txt#" } });
    expect(docs.map((d) => [d.title, d.answer, d.sourceRef, d.locale, d.status])).toEqual([
      ["Can I pay with PayPal?", "Yes.", "notes.txt#can-i-pay-with-paypal", "fr", "DRAFT"],
      ["Gift cards", "Yes, we sell gift cards.\nThey never expire.", "notes.txt#gift-cards", "fr", "DRAFT"],
    ]);
  });
});
