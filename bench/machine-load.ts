// The machine's other load during a measurement: CPU that processes other than the bench's own
// (this process with its load generator, the peers, and the PostgreSQL backends connected to the
// bench's database) used, from /proc/stat minus /proc/<pid>/stat of the known processes, and
// the 1-minute load average at the start and end. Linux only; elsewhere the figures are null.
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Clock ticks per second of /proc's CPU times (USER_HZ; 100 on every Linux that Node runs on). */
const TICKS_PER_SECOND = 100;

export type LoadWindow = {
  seconds: number;
  /** Average cores busy on the whole machine, and by the known processes. */
  busyCores: number | null;
  knownCores: number | null;
  /** Average cores busy for processes the bench did not start (other people's jobs). */
  foreignCores: number | null;
  /** CPU seconds each group of known processes used in the window. */
  cpuSeconds: Record<string, number>;
  loadAverage: [start: number, end: number];
};

function busyTicks(): number | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    // cpu user nice system idle iowait irq softirq steal …: busy is everything but idle and iowait.
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return [user, nice, system, irq, softirq, steal].reduce((sum: number, value) => sum + (value ?? 0), 0);
  } catch {
    return null;
  }
}

function processTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces, so split after its closing parenthesis):
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** A process the bench started or uses, and the group its CPU is counted in. */
export type KnownProcess = { pid: number; group: string };

/** How often a window looks for known processes again, so that one which ends inside it keeps its CPU. */
const POLL_MS = 1000;

/**
 * Starts a window; `end()` closes it. `knownPids` is asked at both ends and every second between:
 * a process first seen after the start is counted from zero (it started in the window), and one
 * gone by the end keeps the CPU it had at its last sighting. Peers' pools close idle connections
 * and open new ones at their next turn, so over a round most PostgreSQL backends come and go; read
 * only at both ends, their CPU was counted as other processes' load.
 */
export async function loadWindow(knownPids: () => Promise<KnownProcess[]>) {
  const startedAt = performance.now();
  const loadStart = os.loadavg()[0] as number;
  const busyStart = busyTicks();
  const startTicks = new Map<number, number>();
  const lastTicks = new Map<number, number>();
  const groups = new Map<number, string>();
  const look = async () => {
    for (const { pid, group } of await knownPids()) {
      groups.set(pid, group);
      const ticks = processTicks(pid);
      if (ticks !== null) lastTicks.set(pid, ticks);
    }
  };
  await look();
  for (const [pid, ticks] of lastTicks) startTicks.set(pid, ticks);
  let looking = Promise.resolve();
  const poll = setInterval(() => {
    looking = looking.then(look).catch(() => {});
  }, POLL_MS);
  return {
    async end(): Promise<LoadWindow> {
      clearInterval(poll);
      await looking;
      await look();
      let known = 0;
      const cpuSeconds: Record<string, number> = {};
      for (const [pid, group] of groups) {
        const ticks = processTicks(pid) ?? lastTicks.get(pid);
        if (ticks === undefined) continue;
        // Never below zero: a process id the system gave again to a newer process starts lower.
        const used = Math.max(0, ticks - (startTicks.get(pid) ?? 0));
        known += used;
        cpuSeconds[group] = (cpuSeconds[group] ?? 0) + used / TICKS_PER_SECOND;
      }
      const busyEnd = busyTicks();
      const seconds = (performance.now() - startedAt) / 1000;
      const cores = (ticks: number) => ticks / TICKS_PER_SECOND / seconds;
      const busy = busyStart === null || busyEnd === null ? null : busyEnd - busyStart;
      return {
        seconds,
        busyCores: busy === null ? null : cores(busy),
        knownCores: busy === null ? null : cores(known),
        foreignCores: busy === null ? null : Math.max(0, cores(busy - known)),
        cpuSeconds,
        loadAverage: [loadStart, os.loadavg()[0] as number],
      };
    },
  };
}
