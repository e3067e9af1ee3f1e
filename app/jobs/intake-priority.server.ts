// Webhook intake and the in-process workers share one event loop (and, on PGlite, one database
// engine). Shopify waits at most 5 seconds for a webhook's 200; a job can wait. So while intake is
// busy (a receipt being written, or one finished less than QUIET_MS ago: long enough to bridge
// the gaps inside a burst, so a whole batch never starts between two webhooks) at most
// SLOTS_WHILE_INTAKE_BUSY jobs run at once, and jobs the workers picked up wait for a slot before
// they start. Processing never stops: those slots keep it draining under any intake load, and
// once intake is quiet every worker runs at its full concurrency again. While busy, a turn that
// took t ms is followed by REST_FACTOR_WHILE_BUSY × t ms in which no new turn starts: on two cores
// one slot working without pause still took a third of the CPU intake needed in a burst, so the
// slot works at most a quarter of the time (docs/decisions/0048-intake-before-processing.md).
import { config } from "../config.server";

const QUIET_MS = 500;
const SLOTS_WHILE_INTAKE_BUSY = 1;
const REST_FACTOR_WHILE_BUSY = 3;

interface PriorityOptions {
  quietMs: number;
  slotsWhileBusy: number;
  /** While intake is busy, a turn of t ms is followed by restFactorWhileBusy × t ms without a new one. */
  restFactorWhileBusy?: number;
}

/**
 * Intake's state: webhooks in flight and when the last one started or ended (ms on `now`'s clock).
 * A SharedArrayBuffer lets the worker thread of the same process read what the web thread writes
 * (server/app-workers.ts).
 */
export class IntakeSignal {
  readonly #cells: BigInt64Array;
  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(16)) {
    this.#cells = new BigInt64Array(buffer);
    if (Atomics.load(this.#cells, 1) === 0n) Atomics.store(this.#cells, 1, BigInt(Number.MIN_SAFE_INTEGER));
  }
  get inFlight(): number {
    return Number(Atomics.load(this.#cells, 0));
  }
  get lastAt(): number {
    return Number(Atomics.load(this.#cells, 1));
  }
  started(at: number) {
    Atomics.add(this.#cells, 0, 1n);
    Atomics.store(this.#cells, 1, BigInt(Math.round(at)));
  }
  finished(at: number) {
    if (Atomics.sub(this.#cells, 0, 1n) <= 0n) Atomics.store(this.#cells, 0, 0n);
    Atomics.store(this.#cells, 1, BigInt(Math.round(at)));
  }
}

export class IntakePriority {
  #running = 0;
  readonly #waiting: Array<() => void> = [];
  #wakeTimer: NodeJS.Timeout | undefined;
  #wakeAt = Number.POSITIVE_INFINITY;
  #restUntil = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly options: PriorityOptions = {
      quietMs: QUIET_MS,
      slotsWhileBusy: SLOTS_WHILE_INTAKE_BUSY,
      restFactorWhileBusy: REST_FACTOR_WHILE_BUSY,
    },
    // Wall-clock milliseconds: the same clock on every thread.
    private readonly now: () => number = () => Date.now(),
    readonly signal: IntakeSignal = new IntakeSignal(),
  ) {}

  /** A webhook started its intake; call intakeFinished() once it is answered either way. */
  intakeStarted() {
    this.signal.started(this.now());
  }

  intakeFinished() {
    this.signal.finished(this.now());
    if (this.signal.inFlight === 0) this.#wakeWhenQuiet();
  }

  intakeBusy(): boolean {
    return this.signal.inFlight > 0 || this.now() - this.signal.lastAt < this.options.quietMs;
  }

  /** Waits until a job may start; returns the function that ends its turn. */
  async processingTurn(): Promise<() => void> {
    if (this.#waiting.length === 0 && this.#mayStart()) this.#running++;
    else
      await new Promise<void>((admit) => {
        this.#waiting.push(admit);
        this.#wakeWhenQuiet();
      });
    const startedAt = this.now();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#running--;
      const endedAt = this.now();
      if (this.intakeBusy()) {
        const rest = (endedAt - startedAt) * (this.options.restFactorWhileBusy ?? 0);
        this.#restUntil = Math.max(this.#restUntil, endedAt + rest);
      }
      this.#admit();
      this.#wakeWhenQuiet();
    };
  }

  /** Jobs running, and picked up but waiting for a slot (tests and diagnostics). */
  processing(): { running: number; waiting: number } {
    return { running: this.#running, waiting: this.#waiting.length };
  }

  #mayStart() {
    if (!this.intakeBusy()) return true;
    return this.#running < this.options.slotsWhileBusy && this.now() >= this.#restUntil;
  }

  #admit() {
    while (this.#waiting.length > 0 && this.#mayStart()) {
      this.#running++;
      this.#waiting.shift()!();
    }
  }

  /**
   * Admits the waiting jobs once intake has been quiet for QUIET_MS, or once a rest ends (sooner if
   * a running job ends).
   */
  #wakeWhenQuiet() {
    if (this.#waiting.length === 0) return;
    const now = this.now();
    // Intake may run on another thread (no intakeFinished() here to wake us): look again later.
    const quietIn =
      this.signal.inFlight > 0 ? this.options.quietMs : Math.max(0, this.signal.lastAt + this.options.quietMs - now);
    const restIn = this.#restUntil - now;
    const wakeIn = restIn > 0 ? Math.min(quietIn, restIn) : quietIn;
    if (this.#wakeTimer && this.#wakeAt <= now + wakeIn) return;
    clearTimeout(this.#wakeTimer);
    this.#wakeAt = now + wakeIn;
    this.#wakeTimer = setTimeout(() => {
      this.#wakeTimer = undefined;
      this.#wakeAt = Number.POSITIVE_INFINITY;
      this.#admit();
      this.#wakeWhenQuiet();
    }, wakeIn + 1);
    this.#wakeTimer.unref();
  }
}

// One per process, on globalThis: the Remix bundle and the server code load this module separately.
const globalForIntake = globalThis as unknown as { threadlineIntakePriority?: IntakePriority };

export function intakePriority(): IntakePriority {
  globalForIntake.threadlineIntakePriority ??= new IntakePriority(
    config().INTAKE_PRIORITY === "on"
      ? { quietMs: QUIET_MS, slotsWhileBusy: SLOTS_WHILE_INTAKE_BUSY, restFactorWhileBusy: REST_FACTOR_WHILE_BUSY }
      : { quietMs: 0, slotsWhileBusy: Infinity },
    undefined,
    sharedSignal ?? undefined,
  );
  return globalForIntake.threadlineIntakePriority;
}

let sharedSignal: IntakeSignal | null = null;

/** The worker thread reads the web thread's intake state (call before the workers start). */
export function followIntakeSignal(buffer: SharedArrayBuffer): void {
  sharedSignal = new IntakeSignal(buffer);
  globalForIntake.threadlineIntakePriority = undefined;
}
