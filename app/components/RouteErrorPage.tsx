// Error boundary body for admin pages: a 404 reads as "not found" rather than a crash.
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { Banner, BlockStack, Card, Page, Text } from "@shopify/polaris";

export function RouteErrorPage({
  backUrl,
  backLabel,
  notFoundText,
}: {
  backUrl: string;
  backLabel: string;
  notFoundText: string;
}) {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Page title={notFound ? "Not found" : "Something went wrong"} backAction={{ content: backLabel, url: backUrl }}>
      <Card>
        <BlockStack gap="300">
          <Banner tone={notFound ? "warning" : "critical"}>
            <Text as="p">
              {notFound
                ? notFoundText
                : "This page could not be loaded. Try again in a moment; if it keeps failing, the error has been logged."}
            </Text>
          </Banner>
        </BlockStack>
      </Card>
    </Page>
  );
}
