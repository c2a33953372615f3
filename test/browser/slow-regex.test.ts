// A source whose purify pattern backtracks without end in JavaScript (`\s*\s*\s*\s*x` on lines
// of 400 ideographic spaces) no longer freezes the worker: rule regexes run in a linear engine.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../lib/contract';
import { HOSTILE_RULE, SPACES_LINE } from '../fixtures/site';
import { useSiteAndExtension } from './hooks';

const { site, ext } = useSiteAndExtension();

const ended = (task: Task) => ['completed', 'failed', 'cancelled'].includes(task.status);

describe('a rule regex that backtracks forever in JavaScript', () => {
  it('is accepted, runs in time linear in the text, and the worker answers task.list within a second meanwhile', async () => {
    const rule = { ...HOSTILE_RULE, chapter: { ...HOSTILE_RULE.chapter, purify: ['\\s*\\s*\\s*\\s*x'] } };
    expect(await ext.send({ type: 'source.import', sources: rule })).toMatchObject({ ok: true });
    site.setLatency(100);
    const { task } = await ext.call({
      type: 'task.start',
      url: `${site.origin}/hostile/spaces/`,
      sourceId: 'hostile',
      format: 'txt',
    });
    const times: number[] = [];
    let current: Task = task;
    while (!ended(current)) {
      const asked = Date.now();
      const { tasks } = await ext.call({ type: 'task.list' });
      times.push(Date.now() - asked);
      current = tasks.find((t) => t.id === task.id)!;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(current).toMatchObject({ status: 'completed', completedChapters: 20 });
    // Several answers came while chapters were being read and purified.
    expect(times.length).toBeGreaterThan(5);
    // Within a second on an idle machine; the bound leaves room for a loaded one. Before, the
    // first such chapter froze the worker and no answer came at all.
    expect(Math.max(...times)).toBeLessThan(2_000);
    const text = readFileSync(await ext.downloadPath(current.downloadId!), 'utf8');
    expect(text.split('\n').filter((line) => line === SPACES_LINE)).toHaveLength(200);
  });
});
