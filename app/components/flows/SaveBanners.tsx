// What the last save did: saved, or the list of what to fix first.
import { Banner, List, Text } from "@shopify/polaris";
import type { FlowSaveError } from "../../flows/update-flow.server";
import { describeError } from "./save-errors";

export function SaveBanners({ saved, errors }: { saved: boolean; errors: FlowSaveError[] }) {
  return (
    <>
      {saved ? (
        <Banner tone="success" title="Flow saved">
          <Text as="p">New runs use these steps and templates.</Text>
        </Banner>
      ) : null}
      {errors.length ? (
        <Banner tone="critical" title="Not saved: fix these first">
          <List type="bullet">
            {errors.map((e, i) => (
              <List.Item key={i}>{describeError(e)}</List.Item>
            ))}
          </List>
        </Banner>
      ) : null}
    </>
  );
}
