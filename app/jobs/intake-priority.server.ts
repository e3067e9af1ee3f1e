// Webhook intake and the in-process workers share one event loop (and, on PGlite, one database
// engine). Shopify waits at most 5 seconds for a webhook's 200; a job can wait. So while intake is
// busy (a receipt being written, or one finished less than QUIET_MS ago: long enough to bridge
// the gaps inside a burst, so a whole batch never starts between two webhooks) at most
// SLOTS_WHILE_INTAKE_BUSY jobs run at once, and jobs the workers picked up wait for a slot before
// they start. Processing never stops: those slots keep it draining under any intake load, and
// once intake is quiet every worker runs at its full concurrency again
// (docs/decisions/0048-intake-before-processing.md).
import { config } from "../config.server";

const QUIET_MS = 2000;
const SLOTS_WHILE_INTAKE_BUSY = 2;

export class IntakePriority {
  #intakeInFlight = 0;
  #lastIntakeAt = -Infinity;
  #running = 0;
  readonly #waiting: Array<() => void> = [];
  #wakeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options = { quietMs: QUIET_MS, slotsWhileBusy: SLOTS_WHILE_INTAKE_BUSY },
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A webhook started its intake; call intakeFinished() once it is answered either way. */
  intakeStarted() {
    this.#intakeInFlight++;
    this.#lastIntakeAt = this.now();
  }

  intakeFinished() {
    this.#intakeInFlight = Math.max(0, this.#intakeInFlight - 1);
    this.#lastIntakeAt = this.now();
    if (this.#intakeInFlight === 0) this.#wakeWhenQuiet();
  }

  intakeBusy(): boolean {
    return this.#intakeInFlight > 0 || this.now() - this.#lastIntakeAt < this.options.quietMs;
  }

  /** Waits until a job may start; returns the function that ends its turn. */
  async processingTurn(): Promise<() => void> {
    if (this.#waiting.length === 0 && this.#mayStart()) this.#running++;
    else
      await new Promise<void>((admit) => {
        this.#waiting.push(admit);
        this.#wakeWhenQuiet();
      });
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#running--;
      this.#admit();
    };
  }

  /** Jobs running, and picked up but waiting for a slot (tests and diagnostics). */
  processing(): { running: number; waiting: number } {
    return { running: this.#running, waiting: this.#waiting.length };
  }

  #mayStart() {
    return this.#running < this.options.slotsWhileBusy || !this.intakeBusy();
  }

  #admit() {
    while (this.#waiting.length > 0 && this.#mayStart()) {
      this.#running++;
      this.#waiting.shift()!();
    }
  }

  /** Admits the waiting jobs once intake has been quiet for QUIET_MS (sooner if a running job ends). */
  #wakeWhenQuiet() {
    if (this.#wakeTimer || this.#waiting.length === 0 || this.#intakeInFlight > 0) return;
    const quietIn = Math.max(0, this.#lastIntakeAt + this.options.quietMs - this.now());
    this.#wakeTimer = setTimeout(() => {
      this.#wakeTimer = undefined;
      this.#admit();
      this.#wakeWhenQuiet();
    }, quietIn + 1);
    this.#wakeTimer.unref();
  }
}

// One per process, on globalThis: the Remix bundle and the server code load this module separately.
const globalForIntake = globalThis as unknown as { threadlineIntakePriority?: IntakePriority };

export function intakePriority(): IntakePriority {
  globalForIntake.threadlineIntakePriority ??= new IntakePriority(
    config().INTAKE_PRIORITY === "on"
      ? { quietMs: QUIET_MS, slotsWhileBusy: SLOTS_WHILE_INTAKE_BUSY }
      : { quietMs: 0, slotsWhileBusy: Infinity },
  );
  return globalForIntake.threadlineIntakePriority;
}
