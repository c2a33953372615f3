// The browser benches drive the built extension: build it first when .output/chrome-mv3 is
// missing or older than any source file that goes into it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, ROOT } from '../../test/browser/harness';

const INPUTS = [
  'entrypoints',
  'lib',
  'sources',
  'public',
  'assets',
  'wxt.config.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}

/** Why the build is needed, or undefined when .output/chrome-mv3 is up to date. */
export function staleReason(): string | undefined {
  const manifest = join(EXTENSION_DIR, 'manifest.json');
  if (!existsSync(manifest)) return 'missing';
  const built = statSync(manifest).mtimeMs;
  const changed = Math.max(...INPUTS.map((input) => newest(join(ROOT, input))));
  return changed > built ? 'older than its sources' : undefined;
}

/** Where the benches load the extension from: a private copy, safe from concurrent rebuilds. */
export const BENCH_EXTENSION_DIR = join(ROOT, '.output', 'bench-run', 'chrome-mv3');

/**
 * Builds when needed, then copies .output/chrome-mv3 to a folder of the bench's own, so a
 * `wxt build` started meanwhile by someone else (npm test) cannot pull files from under Chromium.
 * Returns the copy's path. Skips both when BENCH_EXTENSION_DIR is set (the runner did it).
 */
export function prepareExtension(): string {
  if (process.env.BENCH_EXTENSION_DIR) return process.env.BENCH_EXTENSION_DIR;
  ensureBuilt();
  for (let attempt = 1; ; attempt++) {
    rmSync(BENCH_EXTENSION_DIR, { recursive: true, force: true });
    cpSync(EXTENSION_DIR, BENCH_EXTENSION_DIR, { recursive: true });
    const complete = ['manifest.json', 'background.js', 'popup.html', 'offscreen.html'].every((f) =>
      existsSync(join(BENCH_EXTENSION_DIR, f)),
    );
    if (complete) break;
    if (attempt >= 3) throw new Error(`${EXTENSION_DIR} is incomplete (a build in progress?)`);
    ensureBuilt();
  }
  process.env.BENCH_EXTENSION_DIR = BENCH_EXTENSION_DIR;
  return BENCH_EXTENSION_DIR;
}

/** Runs `npx wxt build` when needed (bounded to 5 minutes); throws when the build fails. */
export function ensureBuilt(): void {
  const reason = staleReason();
  if (!reason) {
    console.log(`Extension build ${EXTENSION_DIR} is up to date.`);
    return;
  }
  console.log(`Extension build is ${reason}: running \`npx wxt build\`…`);
  const started = Date.now();
  const run = spawnSync('npx', ['wxt', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 300_000,
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    process.stderr.write(run.stdout ?? '');
    process.stderr.write(run.stderr ?? '');
    throw new Error(`npx wxt build failed (exit ${run.status ?? run.signal})`);
  }
  console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

/** The unminified build of bench/wxt.profile.config.ts, for readable CPU profiles; built every time. */
export const PROFILE_EXTENSION_DIR = join(ROOT, '.output', 'bench-profile', 'chrome-mv3');

export function buildForProfiling(): string {
  console.log('Building an unminified copy for profiling (.output/bench-profile/chrome-mv3)…');
  const run = spawnSync('npx', ['wxt', 'build', '-c', 'bench/wxt.profile.config.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 300_000,
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    process.stderr.write(run.stdout ?? '');
    process.stderr.write(run.stderr ?? '');
    throw new Error(`the profiling build failed (exit ${run.status ?? run.signal})`);
  }
  return PROFILE_EXTENSION_DIR;
}
