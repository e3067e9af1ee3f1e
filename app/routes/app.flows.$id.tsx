// The flow editor's route: loads the flow and the customers to preview with, and saves the
// editor's `payload` field. The page itself lives in app/components/flows/.
import { sweepLifecycleSoon } from "../admin-queries/flows.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { z } from "zod";
import { getFlowEditor } from "../admin-queries/flow-editor.server";
import { FlowEditor } from "../components/flows/FlowEditor";
import { pageTitle } from "../components/page-title";
import { RouteErrorPage } from "../components/RouteErrorPage";
import { parseSavePayload } from "../flows/save-payload";
import { updateFlow } from "../flows/update-flow.server";
import { requireAdmin } from "../shopify/admin-context.server";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const p = paramsSchema.safeParse(params);
  if (!p.success) throw new Response("Not found", { status: 404 });
  const editor = await getFlowEditor(shop.id, p.data.id);
  return json({ ...editor, primaryLocale: shop.primaryLocale || "en" });
};

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.flow.name, "Flows");

const saveForm = z.object({ payload: z.string().max(2_000_000) });

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const p = paramsSchema.safeParse(params);
  if (!p.success) throw new Response("Not found", { status: 404 });
  const form = saveForm.safeParse(Object.fromEntries(await request.formData()));
  const result = await updateFlow(shop.id, p.data.id, parseSavePayload(form.success ? form.data.payload : null));
  if (result.ok) await sweepLifecycleSoon(shop.id, p.data.id);
  return json(result, { status: result.ok ? 200 : 422 });
};

// Preview renders post to their own route; they must not reload the editor's data.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) => {
  if (formAction?.endsWith("/preview")) return false;
  return defaultShouldRevalidate;
};

export default function FlowEditorPage() {
  return <FlowEditor {...useLoaderData<typeof loader>()} />;
}

export function ErrorBoundary() {
  return (
    <RouteErrorPage backUrl="/app/flows" backLabel="Flows" notFoundText="This flow does not exist in your shop." />
  );
}
