import { AppError } from '../errors';
import { abortable } from './abortable';
import { tooLargeMessage } from './messages';

/** A page is read up to this many bytes (after decompression); more fails it `too_large`. */
export interface BodyLimit {
  bytes: number;
  /** Names the page in the sentence. */
  url: string;
}

/**
 * The whole body as bytes, giving up the moment `signal` aborts. `response.arrayBuffer()` would
 * wait forever on a body that trickles or stalls, so we read chunk by chunk and race each read.
 * The bytes are counted as they come, decompressed as the stream gives them, so a page over the
 * limit (a gzip bomb: a few hundred KB on the wire, gigabytes unpacked) stops at the limit.
 * With `upTo`, reading stops once that many bytes are in: enough to tell what an error page is.
 */
export async function readBody(
  response: Response,
  signal: AbortSignal,
  limit?: BodyLimit,
  upTo = Number.POSITIVE_INFINITY,
): Promise<Uint8Array> {
  const body = response.body;
  if (!body) return new Uint8Array(0);
  const expected = declaredLength(response);
  if (limit && expected !== undefined && expected > limit.bytes) {
    discardBody(response);
    throw new AppError('too_large', tooLargeMessage(limit.url, limit.bytes));
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await abortable(reader.read(), signal);
      if (done) break;
      total += value.byteLength;
      if (limit && total > limit.bytes) throw new AppError('too_large', tooLargeMessage(limit.url, limit.bytes));
      chunks.push(value);
      // Every declared byte is in, so the answer is whole. The stream's own end comes one more
      // message later from the network process (~1 ms a request, bench/throughput.ts), and the
      // host's request slot is held until this returns.
      if (total === expected || total >= upTo) {
        reader.cancel().catch(() => undefined);
        break;
      }
    }
  } catch (error) {
    // Frees the connection instead of leaving a half-read stream open.
    reader.cancel().catch(() => undefined);
    throw error;
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Drops a body we will not read, so the connection can be reused. */
export function discardBody(response: Response): void {
  if (response.body && !response.bodyUsed && !response.body.locked) {
    response.body.cancel().catch(() => undefined);
  }
}

/**
 * Content-Length, when it counts the bytes the stream gives: not when the body was compressed
 * (it then counts the compressed bytes), nor when the headers are filtered (a CORS response
 * hides Content-Encoding, so compression could not be ruled out).
 */
function declaredLength(response: Response): number | undefined {
  if (response.type === 'cors' || response.type === 'opaque') return undefined;
  const encoding = response.headers.get('content-encoding');
  if (encoding && encoding.trim().toLowerCase() !== 'identity') return undefined;
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  return Number.isSafeInteger(length) && length > 0 ? length : undefined;
}
