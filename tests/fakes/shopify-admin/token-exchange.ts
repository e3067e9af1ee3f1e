// The stand-in's POST /admin/oauth/access_token, as Shopify answers a token exchange
// (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/token-exchange):
// the session token (subject_token) becomes an online access token for the user in its `sub`, or an
// offline one for the shop. The client's secret must match when the fake is given one.
import { createHmac } from "node:crypto";

export interface FakeShopifyUser {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  account_owner?: boolean;
  locale?: string;
  collaborator?: boolean;
  email_verified?: boolean;
}

export const ONLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:online-access-token";
export const OFFLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";
export const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
export const FAKE_SCOPE = "read_customers,write_customers,read_orders,read_products";

export interface TokenExchangeSettings {
  /** Staff users by id (the session token's `sub`); an unknown sub gets a made-up person. */
  users?: Record<string, FakeShopifyUser>;
  apiSecret?: string;
}

export type TokenAnswer = { status: number; body: Record<string, unknown> };

function claimsOf(token: string, secret: string | undefined): Record<string, unknown> | null {
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature) return null;
  if (secret) {
    const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
    if (expected !== signature) return null;
  }
  try {
    return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export function answerTokenExchange(fields: Record<string, string>, settings: TokenExchangeSettings): TokenAnswer {
  const invalid = (description: string): TokenAnswer => ({
    status: 400,
    body: { error: "invalid_request", error_description: description },
  });
  if (fields.grant_type !== TOKEN_EXCHANGE_GRANT) return invalid("unsupported grant_type");
  if (fields.subject_token_type !== ID_TOKEN_TYPE) return invalid("unsupported subject_token_type");
  if (settings.apiSecret && fields.client_secret !== settings.apiSecret) {
    return { status: 401, body: { error: "invalid_client", error_description: "Client authentication failed" } };
  }
  const claims = claimsOf(fields.subject_token ?? "", settings.apiSecret);
  if (!claims) return invalid("The subject token is invalid");
  const suffix = Math.random().toString(36).slice(2);
  if (fields.requested_token_type === OFFLINE_TOKEN_TYPE) {
    return {
      status: 200,
      body: {
        access_token: `shpat_exchanged_${suffix}`,
        scope: FAKE_SCOPE,
        ...(fields.expiring === "1"
          ? { expires_in: 3600, refresh_token: `shprt_${suffix}`, refresh_token_expires_in: 7_776_000 }
          : {}),
      },
    };
  }
  if (fields.requested_token_type !== ONLINE_TOKEN_TYPE) return invalid("unsupported requested_token_type");
  const sub = String(claims.sub ?? "");
  const user = settings.users?.[sub] ?? {
    id: Number(sub) || 1,
    first_name: "Staff",
    last_name: sub,
    email: `staff${sub}@example.com`,
  };
  return {
    status: 200,
    body: {
      access_token: `shpua_exchanged_${suffix}`,
      scope: FAKE_SCOPE,
      expires_in: 86_399,
      associated_user_scope: FAKE_SCOPE,
      associated_user: {
        id: user.id,
        first_name: user.first_name,
        last_name: user.last_name,
        email: user.email,
        account_owner: user.account_owner ?? false,
        locale: user.locale ?? "en",
        collaborator: user.collaborator ?? false,
        email_verified: user.email_verified ?? true,
      },
    },
  };
}
