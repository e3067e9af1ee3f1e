// The in-process workers hold back while webhook intake is busy, keep draining through a few
// slots, and run at full concurrency again once intake is quiet. The clock is the test's own.
import { describe, expect, it } from "vitest";
import { IntakePriority } from "../../app/jobs/intake-priority.server";

function withClock() {
  let now = 1_000;
  const priority = new IntakePriority({ quietMs: 50, slotsWhileBusy: 2 }, () => now);
  return { priority, advance: (ms: number) => (now += ms) };
}

describe("intake before processing", () => {
  it("runs every job at once while intake is quiet", async () => {
    const { priority } = withClock();
    await Promise.all([1, 2, 3, 4, 5].map(() => priority.processingTurn()));
    expect(priority.processing()).toEqual({ running: 5, waiting: 0 });
  });

  it("holds jobs back beyond the busy slots while a webhook is being taken", async () => {
    const { priority } = withClock();
    priority.intakeStarted();
    const first = await priority.processingTurn();
    await priority.processingTurn();
    let thirdStarted = false;
    const third = priority.processingTurn().then((end) => {
      thirdStarted = true;
      return end;
    });
    await Promise.resolve();
    expect(priority.intakeBusy()).toBe(true);
    expect(priority.processing()).toEqual({ running: 2, waiting: 1 });

    // Processing keeps draining: a job that ends hands its slot to the next one.
    first();
    await third;
    expect(thirdStarted).toBe(true);
    expect(priority.processing()).toEqual({ running: 2, waiting: 0 });
  });

  it("stays busy for the quiet window after the last webhook, then lets everything run", async () => {
    const { priority, advance } = withClock();
    priority.intakeStarted();
    const ends = [await priority.processingTurn(), await priority.processingTurn()];
    const waiting = [priority.processingTurn(), priority.processingTurn(), priority.processingTurn()];
    priority.intakeFinished();
    advance(10);
    expect(priority.intakeBusy()).toBe(true);

    advance(50);
    expect(priority.intakeBusy()).toBe(false);
    ends[0]();
    await Promise.all(waiting);
    expect(priority.processing()).toEqual({ running: 4, waiting: 0 });
  });

  it("ends a turn once however often it is called", async () => {
    const { priority } = withClock();
    const end = await priority.processingTurn();
    end();
    end();
    expect(priority.processing()).toEqual({ running: 0, waiting: 0 });
  });

  it("rests after each turn while intake is busy: a 30 ms turn keeps the slot idle for 90 ms", async () => {
    let now = 1_000;
    const priority = new IntakePriority({ quietMs: 10_000, slotsWhileBusy: 1, restFactorWhileBusy: 3 }, () => now);
    priority.intakeStarted();
    const first = await priority.processingTurn();
    let secondStarted = false;
    const second = priority.processingTurn().then((end) => {
      secondStarted = true;
      return end;
    });
    now += 30;
    first();
    await new Promise((r) => setTimeout(r, 5));
    expect(secondStarted).toBe(false);
    expect(priority.processing()).toEqual({ running: 0, waiting: 1 });

    // The wake-up timer is armed for the rest (90 ms on the test's clock, in real time too).
    now += 90;
    (await second)();
    expect(secondStarted).toBe(true);
  });

  it("does not rest once intake is quiet", async () => {
    const { priority } = withClock();
    const first = await priority.processingTurn();
    first();
    await priority.processingTurn();
    expect(priority.processing()).toEqual({ running: 1, waiting: 0 });
  });
});
