// One EPUB build in a process of its own, so its memory peak is its own:
//   node --expose-gc --import tsx bench/lib/epub-child.ts <ours|epub-gen-memory> <out.epub>
// Makes the input, collects garbage, resets the kernel's peak-RSS mark (/proc/self/clear_refs),
// builds, and prints one JSON line: time, file size, peak RSS and sampled peak heap.
import { readFileSync, writeFileSync } from 'node:fs';
import { buildEpub } from '../../lib/file/epub';
import { AUTHOR, benchBook, benchTask, chapterHtml, makeChapters, memorySource, TITLE } from './epub-input';

type EpubGen = (
  options: Record<string, unknown>,
  content: Array<{ title: string; content: string }>,
) => Promise<Buffer>;

export interface ChildResult {
  builder: string;
  ms: number;
  /** CPU time of the whole process (all threads, GC helpers included) during the build. */
  cpuMs: number;
  bytes: number;
  /** Peak RSS during the build (VmHWM after a reset), bytes; NaN when the kernel would not reset it. */
  peakRss: number;
  /** RSS right before the build, with the input in memory. */
  baseRss: number;
  /** Highest heapUsed + arrayBuffers seen by a 10 ms sampler during the build. */
  peakHeap: number;
  baseHeap: number;
  hwmReset: boolean;
  /** Ours only: reading and rendering the chapters vs zipping them (buildEpub's own timings). */
  chaptersMs?: number;
  zipMs?: number;
}

function statusKb(field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}

function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const [builder, out] = process.argv.slice(2);
  if ((builder !== 'ours' && builder !== 'epub-gen-memory') || !out)
    throw new Error('usage: epub-child.ts <ours|epub-gen-memory> <out.epub>');
  const chapters = makeChapters();
  let epubGen: EpubGen | undefined;
  if (builder === 'epub-gen-memory') {
    const mod = (await import('epub-gen-memory')) as unknown as { default: EpubGen | { default: EpubGen } };
    epubGen = typeof mod.default === 'function' ? mod.default : mod.default.default;
  }
  // Its input as each builder takes it, made before the clock starts.
  const task = benchTask();
  const book = benchBook(chapters);
  const source = memorySource(chapters);
  const content =
    builder === 'epub-gen-memory' ? chapters.map((c) => ({ title: c.title, content: chapterHtml(c) })) : [];

  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const hwmReset = resetPeak();
  const baseRss = statusKb('VmRSS');
  const heapNow = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const baseHeap = heapNow();
  let peakHeap = baseHeap;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, heapNow());
  }, 10);

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let bytes: Uint8Array;
  let phases: { chaptersMs?: number; zipMs?: number } = {};
  let cpu = { user: 0, system: 0 };
  if (builder === 'ours') {
    const timings: { chaptersMs?: number; zipMs?: number } = {};
    const blob = await buildEpub(task, book, source, {
      now: new Date('2026-01-01T00:00:00Z'),
      ...({ timings } as object),
    });
    phases = timings;
    const ms = performance.now() - started;
    cpu = process.cpuUsage(cpuBefore);
    peakHeap = Math.max(peakHeap, heapNow());
    clearInterval(sampler);
    bytes = new Uint8Array(await blob.arrayBuffer());
    finish(ms, bytes);
  } else {
    const buffer = await epubGen!(
      { title: TITLE, author: AUTHOR, lang: 'zh', version: 3, verbose: false, description: '一本用来测量的书。' },
      content,
    );
    const ms = performance.now() - started;
    cpu = process.cpuUsage(cpuBefore);
    peakHeap = Math.max(peakHeap, heapNow());
    clearInterval(sampler);
    bytes = buffer;
    finish(ms, bytes);
  }

  function finish(ms: number, file: Uint8Array): void {
    const peakRss = hwmReset ? statusKb('VmHWM') : NaN;
    writeFileSync(out!, file);
    const result: ChildResult = {
      builder: builder!,
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      bytes: file.byteLength,
      peakRss,
      baseRss,
      peakHeap,
      baseHeap,
      hwmReset,
      ...phases,
    };
    console.log(JSON.stringify(result));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
