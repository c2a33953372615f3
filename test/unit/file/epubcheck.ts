// Runs W3C epubcheck (the Debian package's jar) on a built book and returns what it found.
// The JVM takes seconds to start, so callers check several books at once (Promise.all).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const EPUBCHECK_JAR = '/usr/share/java/epubcheck.jar';

export interface EpubcheckMessage {
  id: string;
  severity: string;
  message: string;
  where: string;
}

export interface EpubcheckResult {
  fatals: number;
  errors: number;
  warnings: number;
  messages: EpubcheckMessage[];
}

interface EpubcheckJson {
  messages: { ID: string; severity: string; message: string; locations: { path: string; line: number; column: number }[] }[];
  checker: { nFatal: number; nError: number; nWarning: number };
}

/** A fresh temp folder for a test file's books; remove it with `rm(dir, { recursive: true })`. */
export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'epub-test-'));
}

/** Writes a built book to disk (epubcheck and epub2 read files, not blobs). */
export async function writeBlob(dir: string, name: string, blob: Blob): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, new Uint8Array(await blob.arrayBuffer()));
  return path;
}

/** epubcheck's verdict on one file; rejects only when epubcheck itself could not run. */
export async function epubcheck(path: string): Promise<EpubcheckResult> {
  const report = `${path}.epubcheck.json`;
  // C1-only JIT and the serial GC halve the JVM's start-up, which dominates for small books.
  const args = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', EPUBCHECK_JAR, path, '--json', report];
  const { code, output } = await run('java', args);
  let json: EpubcheckJson;
  try {
    json = JSON.parse(await readFile(report, 'utf8')) as EpubcheckJson;
  } catch {
    throw new Error(`epubcheck wrote no report for ${path} (exit ${code}):\n${output}`);
  } finally {
    await rm(report, { force: true });
  }
  return {
    fatals: json.checker.nFatal,
    errors: json.checker.nError,
    warnings: json.checker.nWarning,
    messages: json.messages.map((m) => ({
      id: m.ID,
      severity: m.severity,
      message: m.message,
      where: m.locations.map((l) => `${l.path}:${l.line}:${l.column}`).join(', '),
    })),
  };
}

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
