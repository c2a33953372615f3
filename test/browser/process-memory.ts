// How much memory the extension's own process holds: its service worker, offscreen document and
// pages all live there. Read from /proc (Linux), where the kernel also keeps each process's peak.
import { readdirSync, readFileSync } from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  cmdline: string;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.push({ pid: Number(name), ppid, cmdline: readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {
      // The process ended while we looked: it is not ours to measure.
    }
  }
  return out;
}

function kilobytes(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(/\d+/.exec(line ?? '')?.[0] ?? Number.NaN);
}

/** The peak resident size (MB) of the extension process of the Chromium running on `profileDir`. */
export function extensionProcessPeakMB(profileDir: string): number {
  const all = processes();
  const browser = all.find(
    (p) => p.cmdline.includes(`--user-data-dir=${profileDir}`) && !p.cmdline.includes('--type='),
  );
  if (!browser) throw new Error(`No Chromium runs on ${profileDir}.`);
  const ours = new Set([browser.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) if (!ours.has(p.pid) && ours.has(p.ppid)) grew = ours.add(p.pid) !== undefined;
  }
  const extension = all.filter((p) => ours.has(p.pid) && p.cmdline.includes('--extension-process'));
  if (extension.length === 0) throw new Error('The extension has no process of its own.');
  return Math.max(...extension.map((p) => kilobytes(p.pid, 'VmHWM'))) / 1024;
}
