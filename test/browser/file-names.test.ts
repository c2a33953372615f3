// Files at the end of a download: a name chrome.downloads would refuse is made one it takes, a
// name too long for the disk is cut, and the task is completed only once the browser has written
// the file. A file the browser could not write fails the task `file`; Retry builds it again
// without fetching a chapter.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../lib/contract';
import { NAME_BYTES } from '../../lib/file/file-name';
import { HOSTILE_RULE } from '../fixtures/site';
import { useSiteAndExtension } from './hooks';

const { site, ext } = useSiteAndExtension();

const ended = (task: Task) => ['completed', 'failed', 'cancelled'].includes(task.status);

async function download(book: string): Promise<Task> {
  await ext.call({ type: 'source.import', sources: HOSTILE_RULE });
  const { task } = await ext.call({
    type: 'task.start',
    url: `${site.origin}/hostile/${book}/`,
    sourceId: 'hostile',
    format: 'txt',
  });
  return ext.waitForTask(task.id, ended);
}

/** The browser's record of a download. */
function downloadItem(downloadId: number): Promise<chrome.downloads.DownloadItem | undefined> {
  return ext.page.evaluate((id) => chrome.downloads.search({ id }).then((items) => items[0]), downloadId);
}

describe('the file a download ends with', () => {
  it('is saved under a name without bidi overrides, zero-width characters, joiners or soft hyphens; completed once the browser wrote it', async () => {
    const done = await download('odd-name');
    expect(done.status).toBe('completed');
    expect(done.fileName).toBe('gnp.exe OddName👨👩👧 Book～ - Writer.txt');
    const item = await downloadItem(done.downloadId!);
    expect(item).toMatchObject({ state: 'complete' });
    expect(basename(item!.filename)).toBe(done.fileName);
    expect(readFileSync(item!.filename, 'utf8').split('\n').slice(0, 2)).toEqual([
      '\u202egnp.exe\u202c Odd\u200bName\u00ad👨‍👩‍👧 \u0085Book~',
      'Writer\u200d',
    ]);
    // The task says completed only after the browser said the download was complete.
    expect(done.finishedAt!).toBeGreaterThanOrEqual(Date.parse(item!.endTime!));
  });

  it(`cuts a long Chinese title and author to ${NAME_BYTES} bytes, and the file is really there`, async () => {
    const done = await download('long-name');
    expect(done.status).toBe('completed');
    expect(new TextEncoder().encode(done.fileName!).length).toBeLessThanOrEqual(NAME_BYTES);
    expect(basename(await ext.downloadPath(done.downloadId!))).toBe(done.fileName);
  });

  it('fails the task with file when the browser cannot write it, and Retry saves it without fetching a chapter', async () => {
    // The downloads folder turned into a file: the browser cannot write there.
    rmSync(ext.downloadsDir, { recursive: true, force: true });
    writeFileSync(ext.downloadsDir, 'not a folder');
    let failed: Task;
    try {
      failed = await download('long-name');
    } finally {
      rmSync(ext.downloadsDir, { force: true });
      mkdirSync(ext.downloadsDir, { recursive: true });
    }
    expect(failed.status).toBe('failed');
    expect(failed.error!.code).toBe('file');
    expect(failed.error!.message).toMatch(
      /^The browser did not save «长+ - (作者)+者\.txt»: the file could not be written\. .*Retry builds the file again from the stored chapters; nothing is downloaded again\.$/,
    );

    site.resetLog();
    expect((await ext.send({ type: 'task.retry', taskId: failed.id })).ok).toBe(true);
    const done = await ext.waitForTask(failed.id, (t) => t.status !== 'failed' && ended(t));
    expect(done.status).toBe('completed');
    expect(site.hits()).toBe(0);
    expect((await downloadItem(done.downloadId!))?.state).toBe('complete');
  });
});
