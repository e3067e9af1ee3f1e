import { forwardRef, type AnchorHTMLAttributes } from "react";
import { Link } from "@remix-run/react";

type Props = AnchorHTMLAttributes<HTMLAnchorElement> & { url: string; external?: boolean };

/** Lets Polaris navigate with Remix's client-side router instead of full page loads. */
export const PolarisLink = forwardRef<HTMLAnchorElement, Props>(function PolarisLink(
  { url, external, children, ...rest },
  ref,
) {
  if (external || /^https?:/.test(url)) {
    return (
      <a ref={ref} href={url} target="_blank" rel="noopener noreferrer" {...rest}>
        {children}
      </a>
    );
  }
  return (
    <Link ref={ref} to={url} {...rest}>
      {children}
    </Link>
  );
});
