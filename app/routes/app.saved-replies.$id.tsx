import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { z } from "zod";
import { listPreviewCustomers } from "../admin-queries/preview-customers.server";
import { RouteErrorPage } from "../components/RouteErrorPage";
import {
  deleteSavedReply,
  renderReplyText,
  requireSavedReply,
  saveSavedReply,
  type SavedReplyErrors,
} from "../saved-replies/saved-replies.server";
import { MAX_SAVED_REPLY_BODY, MAX_SAVED_REPLY_NAME } from "../saved-replies/limits";
import { requireAdmin } from "../shopify/admin-context.server";
import { pageTitle } from "../components/page-title";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const isNew = parsed.data.id === "new";
  const reply = isNew ? null : await requireSavedReply(shop.id, parsed.data.id);
  const customers = await listPreviewCustomers(shop.id, 25);
  return json({
    reply: reply ? { id: reply.id, name: reply.name, body: reply.body } : null,
    customers: customers.map((c) => ({ id: c.id, label: c.label })),
  });
};

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.reply?.name ?? "New saved reply", "Saved replies");

type ActionResult =
  | { intent: "save"; ok: false; errors: SavedReplyErrors }
  | { intent: "preview"; ok: true; text: string }
  | { intent: "preview"; ok: false; error: string };

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const id = parsed.data.id === "new" ? null : parsed.data.id;
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "preview") {
    const customerId = String(form.get("customerId") ?? "") || null;
    const result = await renderReplyText(shop.id, String(form.get("body") ?? ""), customerId);
    return json<ActionResult>(
      result.ok
        ? { intent: "preview", ok: true, text: result.text }
        : { intent: "preview", ok: false, error: result.error },
    );
  }
  if (intent === "delete") {
    if (!id) throw new Response("Not found", { status: 404 });
    await deleteSavedReply(shop.id, id);
    return redirect("/app/saved-replies");
  }
  const result = await saveSavedReply(shop.id, id, { name: form.get("name"), body: form.get("body") });
  if (!result.ok) return json<ActionResult>({ intent: "save", ok: false, errors: result.errors }, { status: 400 });
  return redirect("/app/saved-replies");
};

export default function SavedReplyPage() {
  const { reply, customers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const preview = useFetcher<typeof action>();
  const [name, setName] = useState(reply?.name ?? "");
  const [body, setBody] = useState(reply?.body ?? "");
  const [customerId, setCustomerId] = useState("");
  const [confirmDelete, setConfirmDelete] = useState(false);
  const errors = actionData && actionData.intent === "save" && !actionData.ok ? actionData.errors : {};
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === "save";

  // Live preview: re-render (debounced) as the text or the chosen customer changes.
  const { submit } = preview;
  useEffect(() => {
    const timer = window.setTimeout(() => {
      if (body.trim()) submit({ intent: "preview", body, customerId }, { method: "post" });
    }, 300);
    return () => window.clearTimeout(timer);
  }, [body, customerId, submit]);
  const previewData = preview.data && preview.data.intent === "preview" ? preview.data : null;

  return (
    <Page
      title={reply ? reply.name : "New saved reply"}
      backAction={{ content: "Saved replies", url: "/app/saved-replies" }}
    >
      <Layout>
        <Layout.Section>
          <Card>
            <Form method="post">
              <input type="hidden" name="intent" value="save" />
              <BlockStack gap="300">
                <TextField
                  label="Name"
                  name="name"
                  autoComplete="off"
                  value={name}
                  onChange={setName}
                  maxLength={MAX_SAVED_REPLY_NAME}
                  error={errors.name}
                />
                <TextField
                  label="Text"
                  name="body"
                  multiline={6}
                  autoComplete="off"
                  value={body}
                  onChange={setBody}
                  maxLength={MAX_SAVED_REPLY_BODY}
                  error={errors.body}
                  helpText="Liquid variables: {{ customer.first_name }}, {{ customer.name }}, {{ order.name }}, {{ order.order_status_url }}, {{ shop.name }}…"
                />
                <InlineStack align="space-between">
                  {reply ? (
                    <Button tone="critical" variant="plain" onClick={() => setConfirmDelete(true)}>
                      Delete
                    </Button>
                  ) : (
                    <span />
                  )}
                  <Button submit variant="primary" loading={saving}>
                    Save
                  </Button>
                </InlineStack>
              </BlockStack>
            </Form>
            {confirmDelete ? (
              <div style={{ marginTop: 12 }}>
                <Banner tone="critical" title={`Delete “${reply?.name ?? ""}”?`}>
                  <Form method="post">
                    <input type="hidden" name="intent" value="delete" />
                    <BlockStack gap="200">
                      <Text as="p">Staff will no longer be able to insert it. This cannot be undone.</Text>
                      <InlineStack gap="200">
                        <Button submit tone="critical" variant="primary">
                          Delete saved reply
                        </Button>
                        <Button onClick={() => setConfirmDelete(false)}>Cancel</Button>
                      </InlineStack>
                    </BlockStack>
                  </Form>
                </Banner>
              </div>
            ) : null}
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Preview
              </Text>
              <Select
                label="Preview for"
                options={[
                  { label: "Sample customer", value: "" },
                  ...customers.map((c) => ({ label: c.label, value: c.id })),
                ]}
                value={customerId}
                onChange={setCustomerId}
              />
              {previewData && !previewData.ok ? (
                <Banner tone="critical">
                  <Text as="p">{previewData.error}</Text>
                </Banner>
              ) : (
                <div data-testid="saved-reply-preview" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                  <Text as="p" tone={previewData?.ok ? undefined : "subdued"}>
                    {previewData?.ok ? previewData.text : body.trim() ? "Rendering…" : "Write some text to preview it."}
                  </Text>
                </div>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return (
    <RouteErrorPage
      backUrl="/app/saved-replies"
      backLabel="Saved replies"
      notFoundText="This saved reply does not exist in your shop."
    />
  );
}
