import { describe, expect, it } from 'vitest';
import { readBody } from '../../../lib/net/read-body';
import { peek } from './helpers';

/** A body that gives `bytes` and then neither ends nor errors, like a stream whose end is late. */
function stalledAfter(
  bytes: Uint8Array,
  headers: Record<string, string>,
): { response: Response; cancelled: () => boolean } {
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

/** An endless body of 64 KB chunks that counts how many were pulled. */
function endless(headers: Record<string, string> = {}): {
  response: Response;
  pulled: () => number;
  cancelled: () => boolean;
} {
  let pulled = 0;
  let cancelled = false;
  const chunk = new Uint8Array(65_536).fill(0x20);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulled += 1;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { response: new Response(stream, { headers }), pulled: () => pulled, cancelled: () => cancelled };
}

describe('readBody with a size limit', () => {
  const limit = { bytes: 1_048_576, url: 'https://a.example/2.html' };

  it('stops at the limit, cancels the stream and fails the page too_large, naming it and the limit', async () => {
    const body = endless();
    await expect(readBody(body.response, new AbortController().signal, limit)).rejects.toMatchObject({
      code: 'too_large',
      message:
        'https://a.example/2.html is larger than 1 MB once unpacked, so it was not read. Raise "Largest page" in Settings if the site really has pages that big.',
    });
    expect(body.cancelled()).toBe(true);
    // 16 chunks make the limit: the 17th tips it over, and nothing more is read.
    expect(body.pulled()).toBeLessThanOrEqual(18);
  });

  it('refuses a declared length over the limit before reading a byte', async () => {
    const body = endless({ 'content-length': String(2 * 1_048_576) });
    await expect(readBody(body.response, new AbortController().signal, limit)).rejects.toMatchObject({
      code: 'too_large',
    });
    expect(body.cancelled()).toBe(true);
  });

  it('reads a page at the limit', async () => {
    const page = new Uint8Array(1_048_576);
    expect((await readBody(new Response(page), new AbortController().signal, limit)).length).toBe(1_048_576);
  });
});
