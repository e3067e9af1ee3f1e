// The Polaris web components the order-conversation block renders, as the repo's root type program
// sees them (through the tests). Loose on purpose: the block's props are checked against Shopify's
// real typings by its own program (extensions/order-conversation/tsconfig.json, run by
// tests/extension/build.test.ts); loading those here would put Shopify's partly broken global
// element types into every file of the root program.
import type { ComponentChildren, Key } from "preact";

type Handler = (event: Event) => void;

interface PolarisElementProps {
  children?: ComponentChildren;
  key?: Key;
  slot?: string;
  onClick?: Handler | null;
  onChange?: Handler | null;
  onInput?: Handler | null;
  [prop: string]: unknown;
}

declare module "preact" {
  namespace createElement.JSX {
    interface IntrinsicElements {
      "s-admin-block": PolarisElementProps;
      "s-badge": PolarisElementProps;
      "s-banner": PolarisElementProps;
      "s-button": PolarisElementProps;
      "s-divider": PolarisElementProps;
      "s-heading": PolarisElementProps;
      "s-link": PolarisElementProps;
      "s-option": PolarisElementProps;
      "s-paragraph": PolarisElementProps;
      "s-select": PolarisElementProps;
      "s-spinner": PolarisElementProps;
      "s-stack": PolarisElementProps;
      "s-text": PolarisElementProps;
      "s-text-area": PolarisElementProps;
      "s-text-field": PolarisElementProps;
    }
  }
}
