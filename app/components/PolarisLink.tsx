import { Link } from "@remix-run/react";
import type { LinkLikeComponentProps } from "@shopify/polaris/build/ts/src/utilities/link";

/** Lets Polaris navigate with Remix's client-side router instead of full page loads. */
export function PolarisLink({ url, external, children, ...rest }: LinkLikeComponentProps) {
  if (external || /^https?:/.test(url)) {
    return (
      <a href={url} target="_blank" rel="noopener noreferrer" {...rest}>
        {children}
      </a>
    );
  }
  return (
    <Link to={url} {...rest}>
      {children}
    </Link>
  );
}
