const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** `length` random base64url characters from the browser's CSPRNG. */
export function randomId(length = 22): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let id = "";
  // 64 divides 256, so masking to 6 bits keeps every character equally likely.
  for (const byte of bytes) id += ALPHABET[byte & 63];
  return id;
}

export const VISITOR_ID_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;
