// The Shopify Flow extensions (extensions/flow-trigger-*, extensions/flow-action-*) against the code
// that sends and receives them: a trigger's declared fields are exactly the payload keys the app
// writes, an action's runtime_url is one of our routes and its fields are the properties we parse.
// The CLI validates the TOML itself (`npm run build:extensions` fails on a bad field); this keeps the
// two sides from drifting apart.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FLOW_ACTIONS, FLOW_ACTION_PROPERTIES } from "../../app/shopify-flow/actions.server";
import { FLOW_TRIGGER_HANDLES, TRIGGER_KEYS, type FlowTriggerHandle } from "../../app/shopify-flow/triggers";

const extensions = join(dirname(fileURLToPath(import.meta.url)), "../../extensions");

interface Parsed {
  type: string;
  handle: string;
  runtimeUrl: string | null;
  fields: { type: string; key: string | null; required: boolean }[];
}

/** Enough TOML for these flat files: top-level strings and the [[settings.fields]] tables. */
function parse(folder: string): Parsed {
  const text = readFileSync(join(extensions, folder, "shopify.extension.toml"), "utf8");
  const [head, ...fieldBlocks] = text.split("[[settings.fields]]");
  const value = (block: string, key: string) => new RegExp(`^${key} = "([^"]*)"`, "m").exec(block)?.[1] ?? null;
  return {
    type: value(head, "type")!,
    handle: value(head, "handle")!,
    runtimeUrl: value(head, "runtime_url"),
    fields: fieldBlocks.map((block) => ({
      type: value(block, "type")!,
      key: value(block, "key"),
      required: /^required = true/m.test(block),
    })),
  };
}

const folders = readdirSync(extensions).filter((name) => name.startsWith("flow-"));
const triggers = folders.filter((f) => f.startsWith("flow-trigger-")).map(parse);
const actions = folders.filter((f) => f.startsWith("flow-action-")).map(parse);

/** Flow names a reference field's payload key after its type: customer_reference → customer_id. */
const payloadKey = (field: Parsed["fields"][number]) => field.key ?? field.type.replace(/_reference$/, "_id");

describe("Shopify Flow extensions", () => {
  it("declare one trigger per handle the app sends, with exactly the payload keys it writes", () => {
    expect(triggers.map((t) => t.handle).sort()).toEqual([...FLOW_TRIGGER_HANDLES].sort());
    for (const trigger of triggers) {
      expect(trigger.type).toBe("flow_trigger");
      expect(trigger.fields.map(payloadKey).sort()).toEqual(
        [...TRIGGER_KEYS[trigger.handle as FlowTriggerHandle]].sort(),
      );
      // Flow's rule for a trigger's custom keys.
      for (const field of trigger.fields) if (field.key) expect(field.key).toMatch(/^[a-zA-Z\s]+$/);
    }
  });

  it("declare one action per route, posting to /flow/actions/<name> with the properties the route parses", () => {
    expect(actions.map((a) => a.runtimeUrl?.replace("/flow/actions/", "")).sort()).toEqual([...FLOW_ACTIONS].sort());
    for (const action of actions) {
      expect(action.type).toBe("flow_action");
      const name = action.runtimeUrl!.replace("/flow/actions/", "") as (typeof FLOW_ACTIONS)[number];
      const shape = FLOW_ACTION_PROPERTIES[name].shape as Record<
        string,
        { safeParse(v: unknown): { success: boolean } }
      >;
      expect(action.fields.map((f) => f.key).sort()).toEqual(Object.keys(shape).sort());
      // A field Flow may leave out must be optional in our schema, and the reverse.
      for (const field of action.fields) expect(shape[field.key!].safeParse(undefined).success).toBe(!field.required);
    }
  });
});
