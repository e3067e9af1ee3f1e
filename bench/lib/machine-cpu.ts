// CPU time the whole machine spent (every process: worker, PostgreSQL, Redis, the stand-in), read
// from /proc/stat. Throughput on a shared 2-core machine swings ±10 % from run to run; CPU spent per
// message is steadier, and says where a figure is bound. Linux only: elsewhere it reads null.
import { readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

/** Busy core-seconds since boot (user, nice, system, irq, softirq, steal), or null off Linux. */
export function machineBusySeconds(): number | null {
  try {
    const [, user, nice, system, , , irq, softirq, steal] = readFileSync("/proc/stat", "utf8")
      .split("\n")[0]!
      .trim()
      .split(/\s+/)
      .map(Number);
    return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Microseconds of machine CPU per message between two readings, or null. */
export function cpuMicrosPerMessage(from: number | null, to: number | null, messages: number): number | null {
  if (from === null || to === null || messages <= 0) return null;
  return ((to - from) * 1e6) / messages;
}
