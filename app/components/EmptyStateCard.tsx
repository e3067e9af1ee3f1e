import type { ReactNode } from "react";
import { Card, EmptyState, type EmptyStateProps } from "@shopify/polaris";

export const EMPTY_STATE_IMAGE = "https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png";

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
