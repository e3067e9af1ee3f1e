// One turn at a time on a shared resource, with two queues: intake's waiters always go before
// everyone else's, and the event loop gets a turn before each of theirs. The holder is never
// interrupted; whoever waits next is chosen when it lets go.
export type DbPriority = "intake" | "normal";

export class PriorityGate {
  #held = false;
  readonly #waiting: Record<DbPriority, Array<() => void>> = { intake: [], normal: [] };

  /** Resolves with the release function once it is this caller's turn. */
  acquire(priority: DbPriority): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => resolve(this.#releaseOnce());
      if (this.#held) this.#waiting[priority].push(grant);
      else if (priority === "intake") {
        this.#held = true;
        grant();
      } else {
        // Even a free gate starts a non-intake turn on the next loop turn: see #handOver.
        this.#held = true;
        this.#waiting.normal.push(grant);
        this.#startNextTurnSoon();
      }
    });
  }

  async run<T>(priority: DbPriority, work: () => Promise<T>): Promise<T> {
    const release = await this.acquire(priority);
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** How many wait, by priority (tests and diagnostics). */
  waiting(): Record<DbPriority, number> {
    return { intake: this.#waiting.intake.length, normal: this.#waiting.normal.length };
  }

  #releaseOnce(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#handOver();
    };
  }

  /**
   * Intake's next waiter gets the turn at once. Anyone else's turn starts one event-loop turn
   * later: hand-offs are promise callbacks, so a queue of statements would otherwise run back to
   * back without the loop ever reading a socket, and a webhook that has not been read yet could
   * not even join the intake queue. The gate stays held across that turn; whoever waits by then
   * (intake first) gets it.
   */
  #handOver() {
    const next = this.#waiting.intake.shift();
    if (next) return next();
    if (this.#waiting.normal.length === 0) {
      this.#held = false;
      return;
    }
    this.#startNextTurnSoon();
  }

  #startNextTurnSoon() {
    setImmediate(() => (this.#waiting.intake.shift() ?? this.#waiting.normal.shift())!());
  }
}
