// Row ids for the rows a batch inserts by the hundred (messages, their timeline events, new
// conversations). A random v4 UUID lands each insert on a random leaf of the primary key's index
// (and of every index keyed by that id), so a busy batch touches pages all over the index; a
// UUIDv7 (RFC 9562: 48-bit Unix milliseconds, then random bits) puts consecutive inserts side by
// side at the index's right edge, as Prisma's cuid() ids do for rows created one by one.
import { randomFillSync } from "node:crypto";

let lastMs = 0;
let sequence = 0;
// Random bytes drawn 4 KiB at a time: one call into the CSPRNG per 256 ids, not one per id.
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

function randomBytes16(): Uint8Array {
  if (poolOffset + 16 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += 16;
  return pool.slice(poolOffset - 16, poolOffset);
}

export function timeOrderedId(now: number = Date.now()): string {
  const bytes = randomBytes16();
  // Within one millisecond a 12-bit counter keeps up to 4,096 ids in creation order (rand_a, RFC 9562 §6.2).
  if (now === lastMs) sequence = (sequence + 1) & 0xfff;
  else {
    lastMs = now;
    sequence = 0;
  }
  bytes[0] = Math.floor(now / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(now / 2 ** 32) & 0xff;
  bytes[2] = (now >>> 24) & 0xff;
  bytes[3] = (now >>> 16) & 0xff;
  bytes[4] = (now >>> 8) & 0xff;
  bytes[5] = now & 0xff;
  bytes[6] = 0x70 | (sequence >>> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Buffer.from(bytes).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
