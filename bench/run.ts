// `npm run bench`: builds the extension when needed, runs the six benches one after another
// (each in a process of its own, each bounded in time), then prints the summary table.
// A measurement, not a test: exits 0 whatever the figures say; missed goals print as FAIL.
//
//   npm run bench                               all six
//   npm run bench -- --only throughput,memory   some of them
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../test/browser/harness';
import { prepareExtension } from './lib/build';
import type { Figure } from './lib/report';

interface Bench {
  name: string;
  file: string;
  /** Backstop; each bench also stops itself earlier. */
  limitMs: number;
}

const BENCHES: Bench[] = [
  { name: 'throughput', file: 'throughput.ts', limitMs: 200_000 },
  { name: 'politeness', file: 'politeness.ts', limitMs: 200_000 },
  { name: 'epub-build', file: 'epub-build.ts', limitMs: 450_000 },
  { name: 'memory', file: 'memory.ts', limitMs: 360_000 },
  { name: 'recovery', file: 'recovery.ts', limitMs: 270_000 },
  { name: 'follow', file: 'follow.ts', limitMs: 300_000 },
];

function runOne(bench: Bench, resultFile: string): Promise<number | string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', bench.file)], {
      cwd: ROOT,
      stdio: 'inherit',
      detached: true, // its own process group, so a backstop kill takes its Chromium along
      env: { ...process.env, BENCH_RESULT_FILE: resultFile, BENCH_ROOT_PID: String(process.pid) },
    });
    const timer = setTimeout(() => {
      console.log(`\n>>> ${bench.name} still running after ${bench.limitMs / 1000} s: stopping it.`);
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, bench.limitMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? String(signal));
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve(String(error));
    });
  });
}

function readFigures(file: string): Figure[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Figure);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  const only = process.argv.find((a) => a.startsWith('--only'));
  const wanted = only
    ? (only.includes('=') ? only.split('=')[1]! : (process.argv[process.argv.indexOf(only) + 1] ?? '')).split(',')
    : undefined;
  const benches = wanted ? BENCHES.filter((b) => wanted.includes(b.name)) : BENCHES;
  console.log(
    `npm run bench — ${new Date().toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
  );
  process.env.BENCH_ROOT_PID = String(process.pid);
  prepareExtension();

  const dir = mkdtempSync(join(tmpdir(), 'nd-bench-results-'));
  const figures: Figure[] = [];
  try {
    for (const bench of benches) {
      const file = join(dir, `${bench.name}.jsonl`);
      const benchStarted = Date.now();
      const exit = await runOne(bench, file);
      const got = readFigures(file);
      if (exit !== 0) {
        got.push({ figure: `${bench.name} (run)`, value: `exited ${exit}`, goal: 'runs to the end', pass: false });
        console.log(`>>> FAIL ${bench.name} exited ${exit}`);
      }
      console.log(`(${bench.name}: ${((Date.now() - benchStarted) / 1000).toFixed(0)} s)`);
      figures.push(...got);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const rows = [
    ['figure', 'value', 'goal', 'result'],
    ...figures.map((f) => [
      f.figure,
      f.short ?? (f.value.length > 70 ? `${f.value.slice(0, 67)}…` : f.value),
      f.goal.length > 40 ? `${f.goal.slice(0, 37)}…` : f.goal,
      f.pass === null ? 'info' : f.pass ? 'PASS' : 'FAIL',
    ]),
  ];
  console.log(`\n=== Summary (${((Date.now() - started) / 1000).toFixed(0)} s) ===`);
  console.log(table(rows));
  const failed = figures.filter((f) => f.pass === false);
  for (const f of failed)
    console.log(`FAIL: ${f.figure}: ${f.value}${f.ratio ? ` [${f.ratio}]` : ''} (goal: ${f.goal})`);
  console.log(failed.length ? `${failed.length} goal(s) missed.` : 'All goals met.');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(0);
  },
);
