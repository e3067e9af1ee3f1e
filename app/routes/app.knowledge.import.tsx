// POST /app/knowledge/import: one file (multipart "file"), "asDrafts" and "locale". Answers 200
// with the counts, 400 with the per-row errors (nothing imported), 413 over the size limit.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { z } from "zod";
import { importKnowledgeFile, type ImportResult } from "../knowledge/import-knowledge.server";
import { defaultKnowledgeLocale, MAX_IMPORT_BYTES } from "../knowledge/limits";
import { TOO_LARGE_MESSAGE } from "../knowledge/import-file.server";
import { requireAdmin } from "../shopify/admin-context.server";

// The form's own fields and the multipart framing on top of the file.
const FORM_OVERHEAD_BYTES = 64 * 1024;
const MAX_ERRORS_SHOWN = 200;

const fieldsSchema = z.object({
  asDrafts: z.enum(["on", "true"]).optional().catch(undefined),
  locale: z.enum(["en", "es", "fr"]).optional().catch(undefined),
});

export type ImportAnswer = ImportResult & { fileName?: string; moreErrors?: number };

export const loader = () => redirect("/app/knowledge");

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_IMPORT_BYTES + FORM_OVERHEAD_BYTES) {
    return json<ImportAnswer>({ ok: false, status: 413, message: TOO_LARGE_MESSAGE, errors: [] }, { status: 413 });
  }
  const form = await request.formData();
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    return json<ImportAnswer>(
      { ok: false, status: 400, message: "Choose a file to import.", errors: [] },
      { status: 400 },
    );
  }
  const fields = fieldsSchema.parse({
    asDrafts: form.get("asDrafts") ?? undefined,
    locale: form.get("locale") ?? undefined,
  });
  const result = await importKnowledgeFile(
    shop.id,
    { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
    { asDrafts: Boolean(fields.asDrafts), locale: fields.locale ?? defaultKnowledgeLocale(shop.primaryLocale) },
  );
  if (result.ok) return json<ImportAnswer>({ ...result, fileName: file.name });
  const shown = result.errors.slice(0, MAX_ERRORS_SHOWN);
  return json<ImportAnswer>(
    { ...result, errors: shown, moreErrors: result.errors.length - shown.length, fileName: file.name },
    { status: result.status },
  );
};
