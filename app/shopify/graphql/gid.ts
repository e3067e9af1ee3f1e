// Shopify GraphQL ids look like gid://shopify/Customer/123; the database keys on the number.

export function gidToBigInt(gid: string): bigint {
  const match = /^gid:\/\/shopify\/[A-Za-z]+\/(\d+)(?:\?.*)?$/.exec(gid);
  if (!match) throw new Error(`Not a Shopify numeric GID: ${gid}`);
  return BigInt(match[1]);
}

export function toGid(type: string, id: bigint | number | string): string {
  return `gid://shopify/${type}/${String(id)}`;
}
