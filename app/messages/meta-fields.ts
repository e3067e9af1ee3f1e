// The Meta connection form's fields, in display order; `secret` fields never reach the browser.
// (Shared by the Channels route component and its server module, so no .server suffix.)
export const META_FIELDS = [
  { key: "pageId", secret: false },
  { key: "pageAccessToken", secret: true },
  { key: "appSecret", secret: true },
  { key: "verifyToken", secret: true },
  { key: "instagramAccountId", secret: false },
] as const;
