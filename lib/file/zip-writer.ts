// A zip written as it goes: each entry is compressed the moment it is added and its bytes are
// folded into Blobs every few MB, so a book of any size never sits in memory as text, nor as
// one compressor per entry (jszip's way, which held a 10,000-chapter book at ~100× its file size).
// Plain zip (no ZIP64): up to 65,535 entries and 4 GB, far beyond any book.

const FOLD_BYTES = 4 * 1_048_576;
const UTF8 = new TextEncoder();

interface Entry {
  name: Uint8Array;
  crc: number;
  method: 0 | 8;
  compressedSize: number;
  size: number;
  offset: number;
}

export class ZipWriter {
  private readonly entries: Entry[] = [];
  private readonly folded: Blob[] = [];
  private pending: Uint8Array<ArrayBuffer>[] = [];
  private pendingBytes = 0;
  private offset = 0;
  private chain: Promise<void> = Promise.resolve();
  private readonly time: number;
  private readonly date: number;

  constructor(modified: Date = new Date()) {
    // MS-DOS date and time, local fields read as UTC: what every unzip shows back.
    this.time = (modified.getUTCHours() << 11) | (modified.getUTCMinutes() << 5) | Math.floor(modified.getUTCSeconds() / 2);
    this.date = ((modified.getUTCFullYear() - 1980) << 9) | ((modified.getUTCMonth() + 1) << 5) | modified.getUTCDate();
  }

  /** Queues an entry; entries are written in the order they are added. */
  add(name: string, content: string | Uint8Array, options: { compress?: boolean } = {}): void {
    // Bytes are copied (an image, small): the caller may reuse its buffer.
    const data = typeof content === 'string' ? UTF8.encode(content) : new Uint8Array(content);
    const compress = options.compress ?? true;
    this.chain = this.chain.then(async () => this.write(name, data, compress ? await deflateRaw(data) : undefined));
  }

  /** Waits until everything added so far is compressed and written. */
  drain(): Promise<void> {
    return this.chain;
  }

  async finish(mimeType: string): Promise<Blob> {
    await this.chain;
    const start = this.offset;
    for (const entry of this.entries) this.push(centralHeader(entry, this.time, this.date));
    this.push(endOfDirectory(this.entries.length, this.offset - start, start));
    return new Blob([...this.folded, ...this.pending], { type: mimeType });
  }

  private write(name: string, data: Uint8Array<ArrayBuffer>, deflated: Uint8Array<ArrayBuffer> | undefined): void {
    const body = deflated ?? data;
    const entry: Entry = { name: UTF8.encode(name), crc: crc32(data), method: deflated ? 8 : 0, compressedSize: body.length, size: data.length, offset: this.offset };
    this.entries.push(entry);
    this.push(localHeader(entry, this.time, this.date));
    this.push(body);
  }

  private push(bytes: Uint8Array<ArrayBuffer>): void {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    this.offset += bytes.length;
    if (this.pendingBytes >= FOLD_BYTES) {
      // A Blob hands its bytes to the browser's blob store, off the page's JS heap.
      this.folded.push(new Blob(this.pending));
      this.pending = [];
      this.pendingBytes = 0;
    }
  }
}

async function deflateRaw(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([data]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function localHeader(e: Entry, time: number, date: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(30 + e.name.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x04034b50, true);
  view.setUint16(4, 20, true); // version needed: 2.0 (deflate)
  view.setUint16(8, e.method, true);
  view.setUint16(10, time, true);
  view.setUint16(12, date, true);
  view.setUint32(14, e.crc, true);
  view.setUint32(18, e.compressedSize, true);
  view.setUint32(22, e.size, true);
  view.setUint16(26, e.name.length, true);
  bytes.set(e.name, 30);
  return bytes;
}

function centralHeader(e: Entry, time: number, date: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(46 + e.name.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x02014b50, true);
  view.setUint16(4, 20, true); // made by: 2.0
  view.setUint16(6, 20, true);
  view.setUint16(10, e.method, true);
  view.setUint16(12, time, true);
  view.setUint16(14, date, true);
  view.setUint32(16, e.crc, true);
  view.setUint32(20, e.compressedSize, true);
  view.setUint32(24, e.size, true);
  view.setUint16(28, e.name.length, true);
  view.setUint32(42, e.offset, true);
  bytes.set(e.name, 46);
  return bytes;
}

function endOfDirectory(count: number, size: number, offset: number): Uint8Array<ArrayBuffer> {
  if (count > 0xffff) throw new RangeError(`A zip without ZIP64 holds at most 65,535 files, not ${count}.`);
  const bytes = new Uint8Array(22);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, count, true);
  view.setUint16(10, count, true);
  view.setUint32(12, size, true);
  view.setUint32(16, offset, true);
  return bytes;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
