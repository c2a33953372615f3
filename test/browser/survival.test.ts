// Issue 3 in Chromium: a long download survives its worker being stopped over and over, and the
// browser being closed and opened again on the same profile, with no chapter fetched twice over.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../lib/contract';
import { startDemoSite, type DemoSite } from '../fixtures/site';
import { launchExtension, type Ext } from './harness';

let site: DemoSite;
const temps: string[] = [];
beforeAll(async () => {
  site = await startDemoSite();
});
afterAll(async () => {
  await site?.close();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const ended = (task: Task) => ['completed', 'failed', 'cancelled'].includes(task.status);
const chapterPath = /^\/book\/[^/]+\/\d+\.html$/;

function fetchesPerChapter(): number[] {
  const counts = new Map<string, number>();
  for (const { path } of site.requests()) if (chapterPath.test(path)) counts.set(path, (counts.get(path) ?? 0) + 1);
  return [...counts.values()];
}

describe('surviving the browser', () => {
  it('a 1,000-chapter download whose worker is stopped 10 times completes; no chapter fetched more than twice', async () => {
    site.resetLog();
    site.setLatency(5);
    const ext = await launchExtension();
    try {
      await ext.send({ type: 'settings.set', patch: { concurrency: 6 } });
      const { task } = await ext.call({ type: 'task.start', url: `${site.origin}/book/gen-1000/`, format: 'txt' });
      for (let kill = 1; kill <= 10; kill++) {
        await ext.waitForTask(task.id, (t) => t.completedChapters >= kill * 90 || ended(t), 60_000);
        await ext.stopWorker();
      }
      const done = await ext.waitForTask(task.id, ended, 120_000);
      expect(done).toMatchObject({ status: 'completed', completedChapters: 1000, failedChapters: 0 });
      expect(done.resumes).toBe(10);
      const counts = fetchesPerChapter();
      expect(counts).toHaveLength(1000);
      expect(Math.max(...counts)).toBeLessThanOrEqual(2);
      const file = readFileSync(await ext.downloadPath(done.downloadId!), 'utf8');
      expect(file.split('\n').filter((line) => /^第\d+章 /.test(line))).toHaveLength(1000);
    } finally {
      await ext.close();
    }
  });

  it('the browser closed and opened again on the same profile mid-download resumes and completes', async () => {
    site.resetLog();
    site.setLatency(40);
    const profileDir = mkdtempSync(join(tmpdir(), 'nd-reopen-profile-'));
    const downloadsDir = mkdtempSync(join(tmpdir(), 'nd-reopen-downloads-'));
    temps.push(profileDir, downloadsDir);
    let ext: Ext = await launchExtension({ profileDir, downloadsDir });
    let taskId: string;
    try {
      ({
        task: { id: taskId },
      } = await ext.call({ type: 'task.start', url: `${site.origin}/book/gen-200/`, format: 'txt' }));
      await ext.waitForTask(taskId, (t) => t.completedChapters >= 40, 60_000);
    } finally {
      await ext.close();
    }
    const storedBefore = site.hits(chapterPath);
    site.setLatency(0);
    ext = await launchExtension({ profileDir, downloadsDir });
    try {
      const done = await ext.waitForTask(taskId, ended, 60_000);
      expect(done).toMatchObject({ status: 'completed', completedChapters: 200, resumes: 1 });
      const counts = fetchesPerChapter();
      expect(counts).toHaveLength(200);
      expect(Math.max(...counts)).toBeLessThanOrEqual(2);
      expect(storedBefore).toBeGreaterThanOrEqual(40);
    } finally {
      await ext.close();
    }
  });
});
