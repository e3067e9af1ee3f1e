import type { ReactNode } from "react";
import { Card, EmptyState, type EmptyStateProps } from "@shopify/polaris";

// Served from public/ by the app itself: a CDN image shows blank offline and in locked-down admins.
export const EMPTY_STATE_IMAGE = "/images/empty-state.svg";

/** A Polaris EmptyState in a card, with the standard illustration. */
export function EmptyStateCard({
  heading,
  children,
  action,
  secondaryAction,
}: {
  heading: string;
  children: ReactNode;
  action?: EmptyStateProps["action"];
  secondaryAction?: EmptyStateProps["secondaryAction"];
}) {
  return (
    <Card>
      <EmptyState heading={heading} image={EMPTY_STATE_IMAGE} action={action} secondaryAction={secondaryAction}>
        {children}
      </EmptyState>
    </Card>
  );
}
