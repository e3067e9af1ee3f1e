// The flow editor's loader, save and preview shapes, for the components that make up the page.
import type { useFetcher, useLoaderData } from "@remix-run/react";
import type { action, loader } from "../../routes/app.flows.$id";
import type { action as previewAction } from "../../routes/app.flows.$id_.preview";

export type FlowEditorData = ReturnType<typeof useLoaderData<typeof loader>>;
export type FlowSaveAction = typeof action;
export type PreviewAction = typeof previewAction;
export type PreviewData = NonNullable<ReturnType<typeof useFetcher<typeof previewAction>>["data"]>;
