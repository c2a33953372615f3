import { describe, expect, it } from 'vitest';
import { readBody } from '../../../lib/net/read-body';
import { peek } from './helpers';

/** A body that gives `bytes` and then neither ends nor errors, like a stream whose end is late. */
function stalledAfter(bytes: Uint8Array, headers: Record<string, string>): { response: Response; cancelled: () => boolean } {
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes.subarray(0, 3));
      controller.enqueue(bytes.subarray(3));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { response: new Response(stream, { headers }), cancelled: () => cancelled };
}

const PAGE = new TextEncoder().encode('<p>第一章</p>');

describe('readBody', () => {
  it('returns as soon as every byte Content-Length declares is in, without waiting for the end', async () => {
    const { response, cancelled } = stalledAfter(PAGE, { 'content-length': String(PAGE.length) });
    const bytes = await readBody(response, new AbortController().signal);
    expect(new TextDecoder().decode(bytes)).toBe('<p>第一章</p>');
    expect(cancelled()).toBe(true);
  });

  it('waits for the end when the body was compressed: Content-Length then counts other bytes', async () => {
    const { response } = stalledAfter(PAGE, { 'content-length': String(PAGE.length), 'content-encoding': 'gzip' });
    expect(await peek(readBody(response, new AbortController().signal))).toBe('pending');
  });

  it('waits for the end when fewer bytes came than declared (a cut-off answer)', async () => {
    const { response } = stalledAfter(PAGE, { 'content-length': String(PAGE.length + 10) });
    const deadline = new AbortController();
    const reading = readBody(response, deadline.signal);
    expect(await peek(reading)).toBe('pending');
    deadline.abort(new Error('deadline'));
    await expect(reading).rejects.toThrow('deadline');
  });

  it('reads to the end when no length is declared', async () => {
    const response = new Response(new Blob([PAGE]).stream());
    expect((await readBody(response, new AbortController().signal)).length).toBe(PAGE.length);
  });
});
