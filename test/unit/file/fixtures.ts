// Books for the EPUB tests, held in memory: a ChapterSource is just something that visits
// ChapterRecords in order, so no IndexedDB is needed except where the wiring is under test.
import * as cheerio from 'cheerio';
import JSZip from 'jszip';
import type { Task } from '../../../lib/contract';
import type { ChapterSource } from '../../../lib/file/txt';
import type { BookRecord, ChapterRecord } from '../../../lib/store/schema';

export function makeTask(overrides: Partial<Task> = {}): Task {
  return {
    id: 'task-1',
    url: 'https://novels.example/book/42/',
    sourceId: 'demo',
    format: 'epub',
    status: 'completed',
    totalChapters: 0,
    completedChapters: 0,
    failedChapters: 0,
    progress: 1,
    createdAt: 1000,
    resumes: 0,
    resumesWithoutProgress: 0,
    ...overrides,
  };
}

/** A book whose table of contents matches the given records (index → entry). */
export function makeBook(task: Task, records: ChapterRecord[], overrides: Partial<BookRecord> = {}): BookRecord {
  const count = records.reduce((max, record) => Math.max(max, record.index + 1), 0);
  const chapters = Array.from({ length: count }, (_, index) => {
    const record = records.find((r) => r.index === index);
    return { title: record?.title ?? `Entry ${index + 1}`, url: record?.url ?? `${task.url}${index + 1}.html` };
  });
  return { taskId: task.id, title: 'A Book', author: 'An Author', chapters, ...overrides };
}

export function chapter(task: Task, index: number, title: string, text: string): ChapterRecord {
  return { taskId: task.id, index, title, url: `${task.url}${index + 1}.html`, text };
}

export function failedChapter(task: Task, index: number, title: string, message: string): ChapterRecord {
  return {
    taskId: task.id,
    index,
    title,
    url: `${task.url}${index + 1}.html`,
    error: { code: 'http_status', message },
    failedTask: task.id,
  };
}

/** Visits the records in index order, like Store.forEachChapter does. */
export function memorySource(records: ChapterRecord[]): ChapterSource {
  const sorted = [...records].sort((a, b) => a.index - b.index);
  return {
    async forEachChapter(taskId, visit) {
      for (const record of sorted) if (record.taskId === taskId) await visit(record);
    },
  };
}

/** A valid 1×1 RGBA PNG (signature, IHDR, IDAT, IEND with correct CRCs). */
export const PNG_1X1 = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);

export interface OpenedEpub {
  zip: JSZip;
  names: string[];
  text(name: string): Promise<string>;
  /** The OPF parsed as XML (cheerio in xml mode keeps prefixes like `dc:`). */
  opf: cheerio.CheerioAPI;
  spine: string[];
}

export async function openEpub(blob: Blob): Promise<OpenedEpub> {
  const zip = await JSZip.loadAsync(await blob.arrayBuffer());
  const text = async (name: string): Promise<string> => {
    const file = zip.file(name);
    if (!file) throw new Error(`${name} is not in the EPUB`);
    return file.async('string');
  };
  const container = cheerio.load(await text('META-INF/container.xml'), { xml: true });
  const opfPath = container('rootfile').attr('full-path')!;
  const opf = cheerio.load(await text(opfPath), { xml: true });
  const base = opfPath.replace(/[^/]*$/, '');
  const hrefOf = (id: string): string => base + opf(`manifest > item[id="${id}"]`).attr('href');
  const spine = opf('spine > itemref')
    .toArray()
    .map((ref) => hrefOf(opf(ref).attr('idref')!));
  return { zip, names: Object.keys(zip.files), text, opf, spine };
}

/** The raw first local file header: name, compression method and stored bytes. */
export async function firstZipEntry(
  blob: Blob,
): Promise<{ name: string; method: number; extraLength: number; content: string }> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const view = new DataView(bytes.buffer);
  if (view.getUint32(0, true) !== 0x04034b50) throw new Error('not a zip local file header');
  const method = view.getUint16(8, true);
  const size = view.getUint32(18, true);
  const nameLength = view.getUint16(26, true);
  const extraLength = view.getUint16(28, true);
  const decoder = new TextDecoder();
  const name = decoder.decode(bytes.subarray(30, 30 + nameLength));
  const start = 30 + nameLength + extraLength;
  return { name, method, extraLength, content: decoder.decode(bytes.subarray(start, start + size)) };
}
