import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import './english';
import type { PortMessage, Task } from '../../../lib/contract';
import { AppError } from '../../../lib/errors';
import { backoffDelay, RECONNECT } from '../../../lib/net/backoff';
import { createTaskFeed, type PortLike } from '../../../lib/ui/task-feed';
import { makeTask } from './fixtures';

class FakePort implements PortLike {
  private messageListeners: ((message: unknown) => void)[] = [];
  private disconnectListeners: (() => void)[] = [];
  disconnected = false;
  onMessage = { addListener: (cb: (message: unknown) => void) => void this.messageListeners.push(cb) };
  onDisconnect = { addListener: (cb: () => void) => void this.disconnectListeners.push(cb) };
  disconnect() {
    this.disconnected = true;
  }
  push(message: PortMessage | unknown) {
    for (const cb of this.messageListeners) cb(message);
  }
  /** The other end went away (worker restarted). */
  drop() {
    for (const cb of this.disconnectListeners) cb();
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup() {
  const ports: FakePort[] = [];
  const lists: ReturnType<typeof deferred<Task[]>>[] = [];
  const feed = createTaskFeed({
    connect: () => {
      const port = new FakePort();
      ports.push(port);
      return port;
    },
    list: () => {
      const d = deferred<Task[]>();
      lists.push(d);
      return d.promise;
    },
  });
  const ids = () => feed.getState().tasks.map((t) => t.id);
  return { feed, ports, lists, ids };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('backoffDelay(RECONNECT)', () => {
  it('doubles from 250 ms and stays bounded at 5 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 100].map((n) => backoffDelay(n, RECONNECT))).toEqual([
      250, 500, 1000, 2000, 4000, 5000, 5000, 5000,
    ]);
  });
});

describe('createTaskFeed', () => {
  it('connects, loads the list newest first and follows live updates', async () => {
    const { feed, ports, lists, ids } = setup();
    const seen: number[] = [];
    feed.subscribe((state) => seen.push(state.tasks.length));
    feed.start();
    expect(ports).toHaveLength(1);
    expect(feed.getState().loaded).toBe(false);

    lists[0]!.resolve([makeTask({ id: 'old', createdAt: 1 }), makeTask({ id: 'new', createdAt: 2 })]);
    await flush();
    expect(feed.getState().loaded).toBe(true);
    expect(ids()).toEqual(['new', 'old']);

    ports[0]!.push({
      type: 'task.updated',
      task: makeTask({ id: 'old', createdAt: 1, status: 'running', progress: 40 }),
    });
    expect(feed.getState().tasks[1]).toMatchObject({ id: 'old', status: 'running', progress: 40 });
    ports[0]!.push({ type: 'task.removed', taskId: 'new' });
    ports[0]!.push({ type: 'nonsense' });
    expect(ids()).toEqual(['old']);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('keeps updates that arrive while the list is on its way', async () => {
    const { feed, ports, lists, ids } = setup();
    feed.start();
    ports[0]!.push({ type: 'task.updated', task: makeTask({ id: 'a', createdAt: 1, status: 'completed' }) });
    ports[0]!.push({ type: 'task.updated', task: makeTask({ id: 'b', createdAt: 2 }) });
    // The snapshot was taken before those changes.
    lists[0]!.resolve([makeTask({ id: 'a', createdAt: 1, status: 'running' })]);
    await flush();
    expect(ids()).toEqual(['b', 'a']);
    expect(feed.getState().tasks[1]!.status).toBe('completed');
  });

  it('reconnects with backoff when the worker restarts and re-fetches the list', async () => {
    const { feed, ports, lists, ids } = setup();
    feed.start();
    lists[0]!.resolve([makeTask({ id: 'a', status: 'running' })]);
    await flush();

    ports[0]!.drop();
    expect(feed.getState().reconnecting).toBe(true);
    await vi.advanceTimersByTimeAsync(249);
    expect(ports).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(ports).toHaveLength(2);
    expect(lists).toHaveLength(2);

    // Updates from the dead port are ignored.
    ports[0]!.push({ type: 'task.updated', task: makeTask({ id: 'ghost' }) });
    expect(ids()).toEqual(['a']);

    lists[1]!.resolve([makeTask({ id: 'a', status: 'failed' }), makeTask({ id: 'b', createdAt: 5000 })]);
    await flush();
    expect(ids()).toEqual(['b', 'a']);
    expect(feed.getState().tasks[1]!.status).toBe('failed');

    await vi.advanceTimersByTimeAsync(1000);
    expect(feed.getState().reconnecting).toBe(false);
  });

  it('backs off further while connections keep failing, then resets once one holds', async () => {
    const { feed, ports, lists } = setup();
    feed.start();
    lists[0]!.resolve([]);
    await flush();

    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const before = ports.length;
      ports.at(-1)!.drop(); // the new port dies at once (no worker listening yet)
      let waited = 0;
      while (ports.length === before) {
        await vi.advanceTimersByTimeAsync(50);
        waited += 50;
      }
      times.push(waited);
    }
    expect(times).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
    for (const d of lists) d.resolve([]);
    await flush();

    // This port stays up: the next drop starts again from the shortest delay.
    await vi.advanceTimersByTimeAsync(1000);
    const before = ports.length;
    ports.at(-1)!.drop();
    await vi.advanceTimersByTimeAsync(250);
    expect(ports.length).toBe(before + 1);
  });

  it('reports a failed list as a sentence and tries again', async () => {
    const { feed, lists, ids } = setup();
    feed.start();
    lists[0]!.reject(new AppError('internal', 'The task store could not be opened.'));
    await flush();
    expect(feed.getState().error).toBe('The task store could not be opened.');
    expect(feed.getState().loaded).toBe(false);

    await vi.advanceTimersByTimeAsync(250);
    expect(lists).toHaveLength(2);
    lists[1]!.resolve([makeTask({ id: 'x' })]);
    await flush();
    expect(feed.getState().error).toBeNull();
    expect(ids()).toEqual(['x']);
  });

  it('adds a started task once, even if the port delivered it first', async () => {
    const { feed, ports, lists, ids } = setup();
    feed.start();
    lists[0]!.resolve([]);
    await flush();
    ports[0]!.push({ type: 'task.updated', task: makeTask({ id: 'n', status: 'running', progress: 10 }) });
    feed.addStarted(makeTask({ id: 'n', status: 'queued' }));
    expect(ids()).toEqual(['n']);
    expect(feed.getState().tasks[0]!.status).toBe('running');
    feed.addStarted(makeTask({ id: 'm', createdAt: 2000 }));
    expect(ids()).toEqual(['m', 'n']);
  });

  it('applies an action answer unless fresher news of the task arrived meanwhile', async () => {
    const { feed, ports, lists } = setup();
    feed.start();
    lists[0]!.resolve([makeTask({ id: 'a', status: 'failed' })]);
    await flush();

    const quiet = feed.beginAction('a');
    feed.applyAction(quiet, makeTask({ id: 'a', status: 'queued' }));
    expect(feed.getState().tasks[0]!.status).toBe('queued');

    const raced = feed.beginAction('a');
    ports[0]!.push({ type: 'task.updated', task: makeTask({ id: 'a', status: 'failed', progress: 0 }) });
    feed.applyAction(raced, makeTask({ id: 'a', status: 'running' }));
    expect(feed.getState().tasks[0]!.status).toBe('failed');
  });

  it('drops a removed task and ignores late updates for it', async () => {
    const { feed, ports, lists, ids } = setup();
    feed.start();
    lists[0]!.resolve([makeTask({ id: 'a' }), makeTask({ id: 'b', createdAt: 2 })]);
    await flush();
    feed.removed('a');
    expect(ids()).toEqual(['b']);
    ports[0]!.push({ type: 'task.updated', task: makeTask({ id: 'a', status: 'cancelled' }) });
    expect(ids()).toEqual(['b']);
  });

  it('stops cleanly: disconnects and never reconnects', async () => {
    const { feed, ports, lists } = setup();
    feed.start();
    lists[0]!.resolve([]);
    await flush();
    feed.stop();
    expect(ports[0]!.disconnected).toBe(true);
    ports[0]!.drop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ports).toHaveLength(1);
  });

  it('retries when connect itself throws', async () => {
    let calls = 0;
    const port = new FakePort();
    const feed = createTaskFeed({
      connect: () => {
        calls += 1;
        if (calls === 1) throw new Error('Extension context invalidated.');
        return port;
      },
      list: async () => [],
    });
    feed.start();
    await flush();
    expect(feed.getState().reconnecting).toBe(true);
    await vi.advanceTimersByTimeAsync(250);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(feed.getState().reconnecting).toBe(false);
  });
});
