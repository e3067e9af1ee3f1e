// The shop's legal policies (refund, shipping, privacy, terms, contact and the rest), read into the
// knowledge base daily. Needs the read_legal_policies access scope. body is HTML (at most 512 kB).
export const SHOP_POLICIES_QUERY = `query ShopPolicies {
  shop {
    shopPolicies { id type title body url updatedAt }
  }
}`;

export interface GqlShopPolicy {
  id: string;
  /** REFUND_POLICY, SHIPPING_POLICY, PRIVACY_POLICY, TERMS_OF_SERVICE, CONTACT_INFORMATION, LEGAL_NOTICE, … */
  type: string;
  title: string;
  body: string;
  url: string;
  updatedAt: string;
}

export interface ShopPoliciesData {
  shop: { shopPolicies: GqlShopPolicy[] };
}
