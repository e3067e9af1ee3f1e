// Embedded: Shopify's admin draws the navigation from <NavMenu>. Demo (a plain
// browser with no admin around the app): we draw the same entries ourselves.
import { useState, type ReactNode } from "react";
import { Link, useLocation } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { AppProvider as PolarisAppProvider, Badge, Frame, Navigation, Text, TopBar } from "@shopify/polaris";
import enTranslations from "@shopify/polaris/locales/en.json";
import { AppProvider as ShopifyAppProvider } from "@shopify/shopify-app-remix/react";
import { NAV_ITEMS } from "./nav-items";
import { PolarisLink } from "./PolarisLink";

interface Props {
  apiKey: string;
  demo: boolean;
  shopDomain: string;
  staffName: string;
  children: ReactNode;
}

export function AdminShell({ apiKey, demo, shopDomain, staffName, children }: Props) {
  if (!demo) {
    return (
      <ShopifyAppProvider isEmbeddedApp apiKey={apiKey}>
        <NavMenu>
          <Link to="/app" rel="home">
            Home
          </Link>
          {NAV_ITEMS.map((item) => (
            <Link key={item.url} to={item.url}>
              {item.label}
            </Link>
          ))}
        </NavMenu>
        {children}
      </ShopifyAppProvider>
    );
  }
  return (
    <PolarisAppProvider i18n={enTranslations} linkComponent={PolarisLink}>
      <DemoFrame shopDomain={shopDomain} staffName={staffName}>
        {children}
      </DemoFrame>
    </PolarisAppProvider>
  );
}

function DemoFrame({ shopDomain, staffName, children }: Omit<Props, "apiKey" | "demo">) {
  const { pathname } = useLocation();
  const [userMenuOpen, setUserMenuOpen] = useState(false);
  const topBar = (
    <TopBar
      userMenu={
        <TopBar.UserMenu
          name={staffName}
          detail={shopDomain}
          initials={staffName.slice(0, 1)}
          actions={[]}
          open={userMenuOpen}
          onToggle={() => setUserMenuOpen((open) => !open)}
        />
      }
      secondaryMenu={
        <div style={{ padding: "0 12px", display: "flex", gap: 8, alignItems: "center" }}>
          <Text as="span" variant="headingSm" tone="text-inverse">
            Threadline
          </Text>
          {/* A plain link: /demo/outbox is served by the demo runner, outside the Remix app. */}
          <a
            href="/demo/outbox"
            aria-label="Demo outbox: what the stand-ins received"
            style={{
              display: "inline-flex",
              gap: 6,
              alignItems: "center",
              whiteSpace: "nowrap",
              textDecoration: "none",
            }}
          >
            <Badge tone="attention">Demo</Badge>
            <Text as="span" variant="bodySm" tone="text-inverse">
              Outbox
            </Text>
          </a>
        </div>
      }
    />
  );
  const navigation = (
    <Navigation location={pathname}>
      <Navigation.Section
        items={[
          { label: "Home", url: "/app", exactMatch: true, selected: pathname === "/app" },
          ...NAV_ITEMS.map((item) => ({ label: item.label, url: item.url, selected: pathname.startsWith(item.url) })),
        ]}
      />
    </Navigation>
  );
  return (
    <Frame topBar={topBar} navigation={navigation}>
      {children}
    </Frame>
  );
}
