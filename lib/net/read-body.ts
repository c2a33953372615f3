import { abortable } from './abortable';

/**
 * The whole body as bytes, giving up the moment `signal` aborts. `response.arrayBuffer()` would
 * wait forever on a body that trickles or stalls, so we read chunk by chunk and race each read.
 */
export async function readBody(response: Response, signal: AbortSignal): Promise<Uint8Array> {
  const body = response.body;
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await abortable(reader.read(), signal);
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
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
