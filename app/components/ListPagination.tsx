import { BlockStack, Box, Pagination } from "@shopify/polaris";

/** The footer of a keyset-paged list; renders nothing when everything fits on one page. */
export function ListPagination({
  pageInfo,
  goTo,
  labels,
}: {
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  goTo: (cursor: string | null, direction: "next" | "previous") => void;
  labels: { previous: string; next: string };
}) {
  if (!pageInfo.hasNextPage && !pageInfo.hasPreviousPage) return null;
  return (
    <Box padding="300" borderBlockStartWidth="025" borderColor="border">
      <BlockStack inlineAlign="center">
        <Pagination
          hasPrevious={pageInfo.hasPreviousPage}
          onPrevious={() => goTo(pageInfo.startCursor, "previous")}
          hasNext={pageInfo.hasNextPage}
          onNext={() => goTo(pageInfo.endCursor, "next")}
          accessibilityLabels={labels}
        />
      </BlockStack>
    </Box>
  );
}
