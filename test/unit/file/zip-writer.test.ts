import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { crc32, MAX_ZIP_BYTES, MAX_ZIP_ENTRIES, ZipWriter } from '../../../lib/file/zip-writer';

describe('the streaming zip writer', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('continues a CRC over pieces to the CRC of the whole', () => {
    const whole = new TextEncoder().encode('林远看着远处的灯火。'.repeat(100));
    const pieces = [whole.subarray(0, 7), whole.subarray(7, 1000), whole.subarray(1000)];
    expect(pieces.reduce((crc, piece) => crc32(piece, crc), 0)).toBe(crc32(whole));
  });

  it('writes an entry given in pieces as the same file one string would make', async () => {
    const pieces = Array.from({ length: 300 }, (_, i) => `<li>第${i + 1}章</li>\n`);
    const zip = new ZipWriter();
    const entry = zip.open('pieces.xhtml');
    for (const piece of pieces) entry.write(piece);
    entry.close();
    zip.add('whole.xhtml', pieces.join(''));
    zip.open('empty.txt').close();
    const read = await JSZip.loadAsync(await zip.finish('application/zip').arrayBuffer());
    expect(await read.file('pieces.xhtml')!.async('string')).toBe(pieces.join(''));
    expect(await read.file('empty.txt')!.async('string')).toBe('');
    expect(Object.keys(read.files)).toEqual(['pieces.xhtml', 'whole.xhtml', 'empty.txt']);
  });

  it('keeps an entry open while others are added, and places it where it is closed', async () => {
    const zip = new ZipWriter();
    const contents = zip.open('nav.xhtml');
    const lines: string[] = [];
    for (let i = 1; i <= 3000; i++) {
      zip.add(`chapter-${i}.xhtml`, `<p>第${i}章</p>`);
      const line = `<li>第${i}章 林远看着远处的灯火</li>\n`; // 3,000 lines cross several encoded pieces
      lines.push(line);
      contents.write(line);
    }
    zip.add('title.xhtml', 'title');
    contents.close();
    expect(() => contents.write('late')).toThrow(/closed/);
    const read = await JSZip.loadAsync(await zip.finish('application/zip').arrayBuffer());
    const names = Object.keys(read.files);
    expect(names.slice(-2)).toEqual(['title.xhtml', 'nav.xhtml']);
    expect(names).toHaveLength(3002);
    expect(await read.file('nav.xhtml')!.async('string')).toBe(lines.join(''));
    expect(await read.file('chapter-3000.xhtml')!.async('string')).toBe('<p>第3000章</p>');
  });

  it('writes entries in order, stored or deflated, that an independent reader gets back whole', async () => {
    const zip = new ZipWriter(new Date(Date.UTC(2026, 10, 28, 3, 4, 6)));
    const long = '林远看着远处的灯火。'.repeat(5_000);
    zip.add('mimetype', 'application/epub+zip', { compress: false });
    zip.add('OEBPS/text/a.xhtml', long);
    zip.add('OEBPS/images/c.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), { compress: false });
    const blob = zip.finish('application/epub+zip');
    expect(blob.type).toBe('application/epub+zip');

    const bytes = new Uint8Array(await blob.arrayBuffer());
    // The OCF rule: `mimetype` first, uncompressed, its text at offset 38.
    expect(new TextDecoder().decode(bytes.subarray(38, 38 + 20))).toBe('application/epub+zip');
    expect(bytes.length).toBeLessThan(long.length); // deflated, not stored

    const read = await JSZip.loadAsync(bytes);
    expect(Object.keys(read.files)).toEqual(['mimetype', 'OEBPS/text/a.xhtml', 'OEBPS/images/c.png']);
    expect(await read.file('OEBPS/text/a.xhtml')!.async('string')).toBe(long);
    expect([...(await read.file('OEBPS/images/c.png')!.async('uint8array'))]).toEqual([
      0x89, 0x50, 0x4e, 0x47, 1, 2, 3,
    ]);
    const date = read.file('mimetype')!.date;
    expect([date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()]).toEqual([2026, 10, 28]);
  });

  it('keeps a big archive in folded Blobs and still reads back every entry', async () => {
    const zip = new ZipWriter();
    // Random bytes do not compress: 12 × 1 MB crosses the fold threshold several times.
    const chunks = Array.from({ length: 12 }, (_, i) => {
      const data = new Uint8Array(1_048_576);
      for (let j = 0; j < data.length; j += 65_536) crypto.getRandomValues(data.subarray(j, j + 65_536));
      data[0] = i;
      return data;
    });
    chunks.forEach((data, i) => zip.add(`part-${i}.bin`, data));
    const read = await JSZip.loadAsync(await zip.finish('application/zip').arrayBuffer());
    for (let i = 0; i < chunks.length; i++) {
      const back = await read.file(`part-${i}.bin`)!.async('uint8array');
      expect(back.length).toBe(chunks[i]!.length);
      expect(back[0]).toBe(i);
      expect(crc32(back)).toBe(crc32(chunks[i]!));
    }
  });

  it(`refuses a ${MAX_ZIP_ENTRIES + 1}th entry with too_large instead of writing a broken directory`, () => {
    const zip = new ZipWriter();
    for (let i = 0; i <= MAX_ZIP_ENTRIES; i++) zip.add(`${i}`, new Uint8Array(0), { compress: false });
    expect(() => zip.finish('application/zip')).toThrow(
      expect.objectContaining({
        code: 'too_large',
        message: expect.stringContaining('65,536 files inside its EPUB; one holds at most 65,535'),
      }),
    );
    const fits = new ZipWriter();
    for (let i = 0; i < MAX_ZIP_ENTRIES; i++) fits.add(`${i}`, new Uint8Array(0), { compress: false });
    expect(fits.finish('application/zip').size).toBeGreaterThan(0);
  });

  it('refuses to write past 4 GiB (here a smaller limit, the same check) instead of letting offsets wrap', () => {
    expect(MAX_ZIP_BYTES).toBe(2 ** 32 - 1);
    const zip = new ZipWriter(new Date(), { entries: MAX_ZIP_ENTRIES, bytes: 1_000 });
    zip.add('a', new Uint8Array(600), { compress: false });
    expect(() => zip.add('b', new Uint8Array(600), { compress: false })).toThrow(
      expect.objectContaining({ code: 'too_large', message: expect.stringContaining('larger than 4 GiB') }),
    );
  });
});
