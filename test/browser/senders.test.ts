// Code in a web page's process (the content script's world, which a compromised renderer owns)
// may tell the worker what page it is, and nothing else.
import { describe, expect, it } from 'vitest';
import type { Task } from '../../lib/contract';
import { contentScriptWorld } from './content-world';
import { useSiteAndExtension } from './hooks';

const { site, ext } = useSiteAndExtension();

const ended = (task: Task) => ['completed', 'failed', 'cancelled'].includes(task.status);

describe("messages from a web page's content script", () => {
  it('are refused with forbidden for everything but page.detected, the tasks port and the file builder included', async () => {
    // A finished download leaves the offscreen file builder open, so it can be asked too.
    const { task } = await ext.call({ type: 'task.start', url: `${site.origin}/book/3/`, format: 'txt' });
    expect((await ext.waitForTask(task.id, ended)).status).toBe('completed');
    const before = (await ext.call({ type: 'settings.get' })).settings;

    const tab = await ext.openTab(`${site.origin}/book/1/`);
    const world = await contentScriptWorld(ext, tab);
    const ask = (message: object) =>
      world.evaluate<{ ok: boolean; error?: { code: string; message: string } }>(
        `chrome.runtime.sendMessage(${JSON.stringify(message)})`,
      );

    const privileged = [
      { type: 'task.list' },
      { type: 'task.get', taskId: task.id },
      { type: 'task.start', url: `${site.origin}/book/2/` },
      { type: 'settings.set', patch: { concurrency: 16 } },
      {
        type: 'source.import',
        sources: {
          id: 'x',
          name: 'x',
          matches: ['<all_urls>'],
          book: { title: 'h1' },
          toc: { chapters: 'a' },
          chapter: { content: 'body' },
        },
      },
      { type: 'source.test', url: `${site.origin}/book/2/` },
      { type: 'source.export', sourceId: 'demo', format: 'legado' },
      { type: 'subscription.add', url: `${site.origin}/lists/any.json` },
      { type: 'subscription.list' },
      { type: 'page.get', tabId: 1 },
      { type: 'diagnostics' },
    ];
    for (const message of privileged) {
      const answer = await ask(message);
      expect(answer, JSON.stringify(message)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(answer.error!.message).toContain(message.type);
    }
    const build = await ask({ target: 'offscreen', type: 'build-file', taskId: task.id });
    expect(build).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // The live task feed hangs up on it at once.
    const port = await world.evaluate<string>(`new Promise((resolve) => {
      const port = chrome.runtime.connect({ name: 'tasks' });
      port.onMessage.addListener(() => resolve('message'));
      port.onDisconnect.addListener(() => resolve('disconnected'));
    })`);
    expect(port).toBe('disconnected');

    expect((await ext.call({ type: 'settings.get' })).settings).toEqual(before);
    expect((await ext.call({ type: 'task.list' })).tasks).toHaveLength(1);
    expect(site.hits('/book/2/')).toBe(0);

    // What a content script is for still works, about its own page only.
    expect(await ask({ type: 'page.detected', url: `${site.origin}/book/1/` })).toMatchObject({ ok: true });
    expect(await ask({ type: 'page.detected', url: 'https://bank.example/account' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await world.detach();
    await tab.close();
  });
});
