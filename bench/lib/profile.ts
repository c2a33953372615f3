// CPU profiles of an extension context over CDP (Profiler domain), boiled down to the functions
// that took the most self time: the evidence behind "the engine spends X ms per chapter on Y".
import type { TargetSession } from './cdp';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export async function startProfiling(session: TargetSession, intervalUs = 500): Promise<void> {
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.send('Profiler.start');
}

export interface ProfileSummary {
  totalMs: number;
  /** [label, self ms] sorted by self time. */
  self: Array<[string, number]>;
  /** [label, total ms incl. callees] for the labels asked for. */
  inclusive: Array<[string, number]>;
}

export async function stopProfiling(session: TargetSession, inclusiveOf: RegExp[] = []): Promise<ProfileSummary> {
  const { profile } = await session.send<{ profile: Profile }>('Profiler.stop', {}, 60_000);
  await session.send('Profiler.disable').catch(() => undefined);
  return summarize(profile, inclusiveOf);
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  const file = url ? url.replace(/^.*\//, '') : '';
  return file
    ? `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}:${columnNumber + 1}`
    : functionName || '(anonymous)';
}

export function summarize(profile: Profile, inclusiveOf: RegExp[] = []): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // A sample's time is the delta to the next sample.
    const dt = deltas[i + 1] ?? 0;
    selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + dt);
  }
  const selfByLabel = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const key = label(byId.get(id)!);
    selfByLabel.set(key, (selfByLabel.get(key) ?? 0) + us);
  }
  // Inclusive time of nodes whose label matches: self of the node and all its descendants,
  // counted once per sample even under recursion.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = label(byId.get(at)!);
      for (const re of inclusiveOf) {
        if (re.test(key) && !seen.has(re.source)) {
          seen.add(re.source);
          inclusive.set(re.source, (inclusive.get(re.source) ?? 0) + us);
        }
      }
    }
  }
  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    self: [...selfByLabel].map(([k, us]): [string, number] => [k, us / 1000]).sort((a, b) => b[1] - a[1]),
    inclusive: [...inclusive].map(([k, us]): [string, number] => [k, us / 1000]).sort((a, b) => b[1] - a[1]),
  };
}

export function printSummary(title: string, summary: ProfileSummary, top = 20): void {
  console.log(`\n--- CPU profile: ${title} (${summary.totalMs.toFixed(0)} ms) ---`);
  for (const [name, ms] of summary.self.slice(0, top)) {
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((ms / summary.totalMs) * 100).toFixed(1).padStart(5)} %  ${name}`);
  }
  if (summary.inclusive.length) {
    console.log('inclusive:');
    for (const [name, ms] of summary.inclusive)
      console.log(
        `${ms.toFixed(0).padStart(8)} ms ${((ms / summary.totalMs) * 100).toFixed(1).padStart(5)} %  /${name}/`,
      );
  }
}

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

/** Starts HeapProfiler sampling that also keeps what GC has since collected: allocation volume. */
export async function startAllocationSampling(session: TargetSession, intervalBytes = 64 * 1024): Promise<void> {
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.startSampling', {
    samplingInterval: intervalBytes,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
}

/** Bytes allocated per function (self), largest first. */
export async function stopAllocationSampling(session: TargetSession): Promise<Array<[string, number]>> {
  const { profile } = await session.send<{ profile: { head: SamplingNode } }>('HeapProfiler.stopSampling', {}, 60_000);
  const bySite = new Map<string, number>();
  const walk = (node: SamplingNode, parent: string) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^.*\//, '');
    const name = `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}${functionName ? '' : ` ← ${parent}`}`;
    if (node.selfSize) bySite.set(name, (bySite.get(name) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, functionName || parent);
  };
  walk(profile.head, '(root)');
  return [...bySite].sort((a, b) => b[1] - a[1]);
}
