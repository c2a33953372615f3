// This machine has 2 cores and is shared: other sessions' builds and tests run while a bench
// does. Every bench prints how busy the machine was meanwhile, so a figure can be read with it:
// CPU time used by processes outside the bench's own process tree, in cores, from /proc.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

interface Proc {
  ppid: number;
  ticks: number;
}

const TICKS_PER_SECOND = 100;

function snapshot(): Map<number, Proc> {
  const procs = new Map<number, Proc>();
  let names: string[] = [];
  try {
    names = readdirSync('/proc');
  } catch {
    return procs;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After the command: state ppid … utime(14) stime(15) cutime(16) cstime(17), 1-based from pid.
      // cutime/cstime hold the children it has reaped (gone from /proc), so each tick counts once.
      procs.set(Number(name), {
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]),
      });
    } catch {
      // gone meanwhile
    }
  }
  return procs;
}

/** Busy (non-idle) CPU ticks of the whole machine since boot, from /proc/stat. */
function machineBusyTicks(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const [, ...values] = line.trim().split(/\s+/);
    const n = values.map(Number);
    // user nice system idle iowait irq softirq steal …: busy = all − idle − iowait
    const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
    return total - (n[3] ?? 0) - (n[4] ?? 0);
  } catch {
    return NaN;
  }
}

function descendantsOf(root: number, procs: Map<number, Proc>): Set<number> {
  const ours = new Set<number>([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, proc] of procs) {
      if (!ours.has(pid) && ours.has(proc.ppid)) {
        ours.add(pid);
        grew = true;
      }
    }
  }
  return ours;
}

export interface MachineLoad {
  /** Cores' worth of CPU used by this bench's process tree (the runner's, when run by it). */
  oursCores: number;
  /** Cores' worth used by everything else on the machine. */
  othersCores: number;
  loadBefore: number;
  loadAfter: number;
  cores: number;
}

/** Starts watching; `stop()` says how busy the machine was since. */
export function watchMachine(): { stop(): MachineLoad } {
  const root = Number(process.env.BENCH_ROOT_PID) || process.pid;
  const started = Date.now();
  const before = snapshot();
  const busyBefore = machineBusyTicks();
  const loadBefore = loadavg()[0]!;
  return {
    stop() {
      const after = snapshot();
      const ours = descendantsOf(root, after);
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      let oursTicks = 0;
      let othersTicks = 0;
      for (const [pid, proc] of after) {
        const delta = proc.ticks - (before.get(pid)?.ticks ?? 0);
        if (delta <= 0) continue;
        if (ours.has(pid)) oursTicks += delta;
        else othersTicks += delta;
      }
      // The machine's own count (/proc/stat) also sees processes that came and went meanwhile
      // (builds, tests), and only this window's ticks; the per-process sum is the fallback.
      const busy = machineBusyTicks() - busyBefore;
      if (Number.isFinite(busy)) othersTicks = Math.max(0, busy - oursTicks);
      return {
        oursCores: oursTicks / TICKS_PER_SECOND / seconds,
        othersCores: othersTicks / TICKS_PER_SECOND / seconds,
        loadBefore,
        loadAfter: loadavg()[0]!,
        cores: cpus().length,
      };
    },
  };
}

export function describeLoad(load: MachineLoad): string {
  return `machine: ${load.cores} cores; during this bench the bench itself (browser, site, driver) used ${load.oursCores.toFixed(2)} cores, other processes ${load.othersCores.toFixed(2)} cores; load average ${load.loadBefore.toFixed(1)} → ${load.loadAfter.toFixed(1)}`;
}

/** RSS of this bench's Chromium processes started with `--extension-process` (the worker, the
 *  popup and the offscreen document live there), summed, sampled every `intervalMs`. */
export class ExtensionProcessRss {
  readonly samples: Array<{ at: number; rss: number }> = [];
  private timer: ReturnType<typeof setInterval> | undefined;

  start(intervalMs = 100): void {
    const root = Number(process.env.BENCH_ROOT_PID) || process.pid;
    this.timer = setInterval(() => {
      const procs = snapshot();
      const ours = descendantsOf(root, procs);
      let rss = 0;
      for (const pid of ours) {
        try {
          if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--extension-process')) continue;
          const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
          if (match) rss += Number(match[1]) * 1024;
        } catch {
          // gone
        }
      }
      if (rss > 0) this.samples.push({ at: Date.now(), rss });
    }, intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  peak(from = 0, to = Number.POSITIVE_INFINITY): number {
    return this.samples.filter((s) => s.at >= from && s.at <= to).reduce((max, s) => Math.max(max, s.rss), 0);
  }

  /** The last sample at or before `at`. */
  at(at: number): number {
    let last = 0;
    for (const s of this.samples) if (s.at <= at) last = s.rss;
    return last;
  }
}
