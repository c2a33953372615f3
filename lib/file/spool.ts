// Bytes gathered into one buffer and folded into a Blob each time it fills. Many small writes
// (a zip's headers, a 500-byte compressed chapter) would otherwise each stay a typed-array
// object on the JS heap until the end; a Blob hands its bytes to the browser's blob store.

const FOLD_BYTES = 1_048_576;

export class Spool {
  private buffer = new Uint8Array(FOLD_BYTES);
  private used = 0;
  private readonly blobs: Blob[] = [];
  /** Bytes written so far. */
  size = 0;

  write(bytes: Uint8Array): void {
    this.size += bytes.length;
    if (this.used + bytes.length > this.buffer.length) this.fold();
    if (bytes.length >= this.buffer.length) {
      this.blobs.push(new Blob([bytes as Uint8Array<ArrayBuffer>]));
      return;
    }
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  /** Everything written, as Blobs in order; the spool takes no more writes. */
  close(): Blob[] {
    this.fold();
    this.buffer = new Uint8Array(0);
    return this.blobs;
  }

  private fold(): void {
    if (this.used === 0) return;
    // The Blob copies the bytes, so the buffer is free to take the next ones.
    this.blobs.push(new Blob([this.buffer.subarray(0, this.used)]));
    this.used = 0;
  }
}
