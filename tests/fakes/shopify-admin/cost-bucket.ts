// Shopify's leaky bucket: points refill continuously at restoreRate per second
// up to maximumAvailable; a query is refused (THROTTLED) when it asks for more
// than is left, and charged its actual cost when it runs.

export interface BucketSettings {
  maximumAvailable: number;
  restoreRate: number;
  /** Points in the bucket at start (default: full). */
  currentlyAvailable?: number;
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class CostBucket {
  private available: number;
  private lastRefill: number;

  constructor(
    private readonly settings: BucketSettings,
    private readonly clock: () => number = Date.now,
  ) {
    this.available = settings.currentlyAvailable ?? settings.maximumAvailable;
    this.lastRefill = clock();
  }

  private refill() {
    const now = this.clock();
    this.available = Math.min(
      this.settings.maximumAvailable,
      this.available + ((now - this.lastRefill) / 1000) * this.settings.restoreRate,
    );
    this.lastRefill = now;
  }

  /** Takes the requested points, or returns false (and takes nothing) when they are not there. */
  tryTake(requested: number): boolean {
    this.refill();
    if (requested > this.available) return false;
    this.available -= requested;
    return true;
  }

  /** Queries are charged what they asked for up front and refunded the unused part. */
  refund(points: number) {
    this.available = Math.min(this.settings.maximumAvailable, this.available + Math.max(0, points));
  }

  /** Empties the bucket now, so a test's next query is throttled however long its setup took. */
  drain() {
    this.available = 0;
    this.lastRefill = this.clock();
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.settings.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.settings.restoreRate,
    };
  }
}

/**
 * A simplified version of Shopify's static cost: a connection costs 2 plus its
 * page size times the cost of one node, and a node costs 1 plus its nested lists.
 */
export function estimateQueryCost(document: string, variables: Record<string, unknown> | undefined): number {
  if (/^\s*mutation\b/.test(document)) return 10;
  const nested = [...document.matchAll(/\bfirst:\s*(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  const first = typeof variables?.first === "number" ? variables.first : undefined;
  if (first === undefined) return 1 + nested;
  return 2 + first * (1 + nested);
}

/** What a page actually cost: proportional to how many of the requested nodes came back. */
export function actualQueryCost(
  requested: number,
  variables: Record<string, unknown> | undefined,
  returnedNodes: number | undefined,
): number {
  const first = typeof variables?.first === "number" ? variables.first : undefined;
  if (first === undefined || returnedNodes === undefined || first === 0) return requested;
  return Math.max(1, Math.ceil(2 + ((requested - 2) * returnedNodes) / first));
}
