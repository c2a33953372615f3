import { describe, expect, it } from 'vitest';
import { Spool } from '../../../lib/file/spool';

async function bytesOf(blobs: Blob[]): Promise<Uint8Array> {
  return new Uint8Array(await new Blob(blobs).arrayBuffer());
}

describe('the spool', () => {
  it('keeps small writes in order and counts every byte', async () => {
    const spool = new Spool();
    spool.write(new Uint8Array([1, 2]));
    spool.write(new Uint8Array([]));
    spool.write(new Uint8Array([3]));
    expect(spool.size).toBe(3);
    expect([...(await bytesOf(spool.close()))]).toEqual([1, 2, 3]);
  });

  it('folds into a few MB-sized Blobs, not one part a write, and copies what it is given', async () => {
    const spool = new Spool();
    const chunk = new Uint8Array(1000);
    for (let i = 0; i < 3000; i++) {
      chunk.fill(i % 251);
      spool.write(chunk); // the same buffer each time: the spool must have copied it
    }
    const big = new Uint8Array(3_000_000).fill(7);
    spool.write(big);
    const blobs = spool.close();
    expect(blobs.length).toBeLessThanOrEqual(5);
    const bytes = await bytesOf(blobs);
    expect(bytes.length).toBe(6_000_000);
    expect(spool.size).toBe(6_000_000);
    for (const i of [0, 1, 250, 251, 2999]) expect(bytes[i * 1000 + 999]).toBe(i % 251);
    expect(bytes[5_999_999]).toBe(7);
  });
});
