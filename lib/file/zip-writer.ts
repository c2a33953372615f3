// A zip written as it goes: each entry is compressed the moment it is added (fflate, in this
// thread) and its bytes are copied into a spool that folds into Blobs every MB, so a book of any
// size never sits in memory as text. The central directory is spooled the same way as each entry
// is written, so a 10,000-entry book keeps no per-entry object on the JS heap either.
//
// Why not jszip: it holds every entry until the end, one compressor each (a 10,000-chapter book
// at ~100× its file size). Why not CompressionStream: one stream per chapter costs ~1.7 ms and
// ~10 KB of short-lived stream objects, which set the offscreen page's peak heap (bench/memory.ts).
// Plain zip, no ZIP64: EPUB readers do not all read ZIP64, and a book needs it only past 65,535
// files or 4 GiB, where a chapter range splits it (lib/file/file-limits.ts refuses such a book
// before it is downloaded; this writer refuses to write past either limit rather than wrap).
import { Deflate, deflateSync } from 'fflate';
import { AppError } from '../errors';
import { Spool } from './spool';

/** The most entries, and bytes (of an entry, or before the directory's end), a zip without ZIP64 holds. */
export const MAX_ZIP_ENTRIES = 0xffff;
export const MAX_ZIP_BYTES = 0xffffffff;

const UTF8 = new TextEncoder();
/** zlib's default: the size/speed balance every zip tool ships with. */
const LEVEL = 6;
/** How much text a TextEntry gathers before encoding it: a few dozen contents lines, few enough that they are collected young rather than carried into the old generation. */
const PIECE_CHARS = 4_096;

interface Entry {
  name: Uint8Array;
  crc: number;
  method: 0 | 8;
  compressedSize: number;
  size: number;
  offset: number;
}

/** An entry's bytes as they go into the zip, compressed (8) or stored (0). */
interface Packed {
  crc: number;
  size: number;
  method: 0 | 8;
  parts: Uint8Array[];
}

export class ZipWriter {
  private readonly body = new Spool();
  private readonly directory = new Spool();
  private count = 0;
  private readonly time: number;
  private readonly date: number;

  /** `limits`: the zip format's own, unless a test wants to reach them with less data. */
  constructor(
    modified: Date = new Date(),
    private readonly limits = { entries: MAX_ZIP_ENTRIES, bytes: MAX_ZIP_BYTES },
  ) {
    // MS-DOS date and time, local fields read as UTC: what every unzip shows back.
    this.time =
      (modified.getUTCHours() << 11) | (modified.getUTCMinutes() << 5) | Math.floor(modified.getUTCSeconds() / 2);
    this.date = ((modified.getUTCFullYear() - 1980) << 9) | ((modified.getUTCMonth() + 1) << 5) | modified.getUTCDate();
  }

  /** Writes an entry; entries sit in the zip in the order they are added. */
  add(name: string, content: string | Uint8Array, options: { compress?: boolean } = {}): void {
    const data = typeof content === 'string' ? UTF8.encode(content) : content;
    const compress = options.compress ?? true;
    const parts = [compress ? deflateSync(data, { level: LEVEL }) : data];
    this.write(name, { crc: crc32(data), size: data.length, method: compress ? 8 : 0, parts });
  }

  /**
   * An entry written a little at a time, while other entries are added: its text is compressed
   * as it comes and its bytes join the zip, after those added meanwhile, when it is closed.
   */
  open(name: string): TextEntry {
    return new TextEntry((packed) => this.write(name, packed));
  }

  finish(mimeType: string): Blob {
    if (this.count > this.limits.entries) {
      throw new AppError(
        'too_large',
        `The book needs ${this.count.toLocaleString('en')} files inside its EPUB; one holds at most ${this.limits.entries.toLocaleString('en')}. Download it in parts with a chapter range, or as TXT.`,
      );
    }
    const start = this.body.size;
    const size = this.directory.size;
    if (start + size > this.limits.bytes) throw tooBig();
    return new Blob([...this.body.close(), ...this.directory.close(), endOfDirectory(this.count, size, start)], {
      type: mimeType,
    });
  }

  private write(name: string, packed: Packed): void {
    const compressedSize = packed.parts.reduce((sum, part) => sum + part.length, 0);
    // Offsets and sizes are 32-bit fields: past 4 GiB they would wrap into a broken file.
    if (this.body.size + compressedSize > this.limits.bytes || packed.size > this.limits.bytes) throw tooBig();
    const entry: Entry = {
      name: UTF8.encode(name),
      crc: packed.crc,
      method: packed.method,
      compressedSize,
      size: packed.size,
      offset: this.body.size,
    };
    this.body.write(localHeader(entry, this.time, this.date));
    for (const part of packed.parts) this.body.write(part);
    this.directory.write(centralHeader(entry, this.time, this.date));
    this.count += 1;
  }
}

/** Text taken in any number of small writes, encoded and compressed a few thousand characters at a time. */
export class TextEntry {
  private readonly parts: Uint8Array[] = [];
  private readonly deflate = new Deflate({ level: LEVEL }, (chunk) => this.parts.push(chunk));
  private pending: string[] = [];
  private pendingChars = 0;
  private crc = 0;
  private size = 0;
  private closed = false;

  constructor(private readonly done: (packed: Packed) => void) {}

  write(text: string): void {
    if (this.closed) throw new Error('This zip entry is closed already.');
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= PIECE_CHARS) this.flush();
  }

  close(): void {
    this.flush();
    this.closed = true;
    this.deflate.push(new Uint8Array(0), true);
    this.done({ crc: this.crc, size: this.size, method: 8, parts: this.parts });
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const bytes = UTF8.encode(this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    this.deflate.push(bytes);
  }
}

function tooBig(): AppError {
  return new AppError(
    'too_large',
    'The EPUB would be larger than 4 GiB, the most an EPUB file holds. Download the book in parts with a chapter range, or as TXT.',
  );
}

function localHeader(e: Entry, time: number, date: number): Uint8Array {
  const bytes = new Uint8Array(30 + e.name.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x04034b50, true);
  view.setUint16(4, 20, true); // version needed: 2.0 (deflate)
  entryFields(view, 8, e, time, date);
  bytes.set(e.name, 30);
  return bytes;
}

function centralHeader(e: Entry, time: number, date: number): Uint8Array {
  const bytes = new Uint8Array(46 + e.name.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x02014b50, true);
  view.setUint16(4, 20, true); // made by: 2.0
  view.setUint16(6, 20, true);
  entryFields(view, 10, e, time, date);
  view.setUint32(42, e.offset, true);
  bytes.set(e.name, 46);
  return bytes;
}

/** The fields both headers share, in the same order: method, time, date, CRC, sizes, name length. */
function entryFields(view: DataView, at: number, e: Entry, time: number, date: number): void {
  view.setUint16(at, e.method, true);
  view.setUint16(at + 2, time, true);
  view.setUint16(at + 4, date, true);
  view.setUint32(at + 6, e.crc, true);
  view.setUint32(at + 10, e.compressedSize, true);
  view.setUint32(at + 14, e.size, true);
  view.setUint16(at + 18, e.name.length, true);
}

function endOfDirectory(count: number, size: number, offset: number): Uint8Array<ArrayBuffer> {
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

/** CRC-32 of `data`; pass the CRC of the bytes before it to continue over pieces. */
export function crc32(data: Uint8Array, previous = 0): number {
  let crc = previous ^ 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
