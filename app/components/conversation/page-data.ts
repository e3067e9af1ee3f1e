// The conversation page's loader and action shapes, for the components that make up the page.
import type { useLoaderData } from "@remix-run/react";
import type { action, loader } from "../../routes/app.inbox.$id";

export type ConversationPageData = ReturnType<typeof useLoaderData<typeof loader>>;
export type ConversationAction = typeof action;
export type ConversationLoader = typeof loader;
export type TimelineMessageItem = Extract<ConversationPageData["timeline"][number], { kind: "message" }>;
