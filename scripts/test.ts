// `npm test`: the build, the type check, the lint (when package.json has a `lint` script), the
// unit tier and the browser tier, run side by side so that neither core waits: most test time is
// waiting on a site, a browser or a JVM, not CPU. The browser tier starts once the build it loads
// is done. Each line of output is tagged with its step; a summary with each step's time comes
// last. Exits 1 when any step fails.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

interface Step {
  name: string;
  /** A program of node_modules/.bin, or npm. */
  command: string;
  args: string[];
  /** Starts once this step has passed; skipped if it failed. */
  after?: string;
  /** Lower CPU priority: a step no test waits for yields to the tests' timers. */
  background?: boolean;
}

const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts;

const STEPS: Step[] = [
  { name: 'build', command: 'wxt', args: ['build'] },
  { name: 'types', command: 'tsc', args: ['--noEmit'], background: true },
  ...(scripts.lint ? [{ name: 'lint', command: 'npm', args: ['run', '--silent', 'lint'], background: true }] : []),
  { name: 'unit', command: 'vitest', args: ['run', '--project', 'unit'] },
  { name: 'browser', command: 'vitest', args: ['run', '--project', 'browser'], after: 'build' },
];

interface Outcome {
  ok: boolean;
  seconds: number;
  note?: string;
}

const width = Math.max(...STEPS.map((step) => step.name.length));
const started = Date.now();

function run(step: Step): Promise<Outcome> {
  const begun = Date.now();
  const seconds = () => (Date.now() - begun) / 1000;
  return new Promise((done) => {
    // Colours survive the pipe when the output is a terminal.
    const env = process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env;
    const program = step.command === 'npm' ? 'npm' : join(ROOT, 'node_modules', '.bin', step.command);
    const child = spawn(program, step.args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (step.background && child.pid !== undefined) setPriority(child.pid, 10);
    const tag = `${step.name.padEnd(width)} │ `;
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop()!;
        for (const line of lines) process.stdout.write(tag + line + '\n');
      });
      stream.on('end', () => partial && process.stdout.write(tag + partial + '\n'));
    }
    child.on('error', (error) => done({ ok: false, seconds: seconds(), note: error.message }));
    child.on('close', (code, signal) =>
      done({ ok: code === 0, seconds: seconds(), note: code === 0 ? undefined : (signal ?? `exit ${code}`) }),
    );
  });
}

const outcomes = new Map<string, Promise<Outcome>>();
for (const step of STEPS) {
  const before = step.after === undefined ? Promise.resolve(undefined) : outcomes.get(step.after)!;
  outcomes.set(
    step.name,
    before.then((prior) =>
      prior && !prior.ok ? { ok: false, seconds: 0, note: `skipped: ${step.after} failed` } : run(step),
    ),
  );
}

const results = await Promise.all(STEPS.map(async (step) => ({ step, outcome: await outcomes.get(step.name)! })));
const total = (Date.now() - started) / 1000;
console.log(`\nnpm test: ${total.toFixed(0)} s in all`);
for (const { step, outcome } of results) {
  console.log(
    `  ${outcome.ok ? 'passed' : 'FAILED'}  ${step.name.padEnd(width)}  ${outcome.seconds.toFixed(0).padStart(4)} s${outcome.note ? `  (${outcome.note})` : ''}`,
  );
}
process.exit(results.every(({ outcome }) => outcome.ok) ? 0 : 1);
