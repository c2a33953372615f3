// How every bench reports: one line per figure with the ratio it is judged by and PASS/FAIL,
// plus a JSON file (when the runner asks for one) so `npm run bench` can print the summary.
import { appendFileSync } from 'node:fs';

export interface Figure {
  /** Short name, e.g. "throughput". */
  figure: string;
  /** The measured value with its unit, e.g. "74.1 chapters/s". */
  value: string;
  /** What it is judged by, e.g. "0.93 of ideal 80/s". */
  ratio?: string;
  /** The goal in words, e.g. "ratio ≥ 0.9". */
  goal: string;
  /** null: measured for information, not judged. */
  pass: boolean | null;
  /** The value as the summary table shows it (default: `value`, cut short). */
  short?: string;
}

/** Prints the figure at once and remembers it for the runner's summary table. */
export function record(figure: Figure): Figure {
  const verdict = figure.pass === null ? 'INFO' : figure.pass ? 'PASS' : 'FAIL';
  const ratio = figure.ratio ? `  [${figure.ratio}]` : '';
  console.log(
    `${verdict === 'FAIL' ? '>>> FAIL' : verdict.padEnd(8)} ${figure.figure}: ${figure.value}${ratio}  (goal: ${figure.goal})`,
  );
  const file = process.env.BENCH_RESULT_FILE;
  if (file) appendFileSync(file, `${JSON.stringify(figure)}\n`);
  return figure;
}

/** A line of detail that is not a judged figure. */
export function note(text: string): void {
  console.log(`         ${text}`);
}

export function heading(text: string): void {
  console.log(`\n=== ${text} ===`);
}

export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const fixed = (value: number, digits = 2): string =>
  Number.isFinite(value) ? value.toFixed(digits) : String(value);

/**
 * Every bench stops by itself: after `ms` the process prints why and exits, whatever it waits on.
 * Exit code 0 — a bench that ran out of time is a measurement (a FAIL line), not a crash.
 */
export function hardDeadline(name: string, ms: number, cleanup?: () => Promise<unknown>): void {
  const timer = setTimeout(() => {
    record({
      figure: `${name} (deadline)`,
      value: `did not finish within ${secs(ms)}`,
      goal: `finish within ${secs(ms)}`,
      pass: false,
    });
    const done = cleanup ? cleanup().catch(() => undefined) : Promise.resolve();
    const force = setTimeout(() => process.exit(0), 10_000);
    force.unref();
    void done.then(() => process.exit(0));
  }, ms);
  timer.unref();
}
