// The popup's live task list: a `task.list` snapshot kept current by the `tasks` port, with a
// reconnect (bounded backoff, then a fresh `task.list`) whenever the port drops because the
// worker restarted. No browser.* here: the port and the list call are handed in.
import type { PortMessage, Task } from '../contract';
import { errorMessage } from './format-task';
import { applyPortMessage, isPortMessage, reconcile, removeTask, upsertTask } from './task-list';
import { backoffDelay, RECONNECT } from '../net/backoff';

/** The parts of `browser.runtime.Port` the feed uses. */
export interface PortLike {
  onMessage: { addListener(callback: (message: unknown) => void): void };
  onDisconnect: { addListener(callback: () => void): void };
  disconnect(): void;
}

export interface FeedState {
  tasks: Task[];
  /** A `task.list` answer has arrived at least once. */
  loaded: boolean;
  /** The last `task.list` failure, as a sentence; null once a list arrives. */
  error: string | null;
  /** The port dropped and is not yet back. */
  reconnecting: boolean;
}

export interface TaskFeedOptions {
  connect: () => PortLike;
  list: () => Promise<Task[]>;
  /** Delay before reconnect attempt n (1-based). Default: `RECONNECT`. */
  backoff?: (attempt: number) => number;
  /** A port that stays up this long counts as healthy again (resets the backoff). */
  stableAfterMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** Remembers what the feed knew of a task when an action on it was sent. */
export interface ActionToken {
  taskId: string;
  version: number;
  reloads: number;
}

export interface TaskFeed {
  start(): void;
  stop(): void;
  getState(): FeedState;
  subscribe(listener: (state: FeedState) => void): () => void;
  /** Adds a task `task.start` answered with, unless the port already delivered it. */
  addStarted(task: Task): void;
  /** Call before sending an action (cancel/retry) on a task. */
  beginAction(taskId: string): ActionToken;
  /**
   * Applies the task an action answered with, unless the port or a reload delivered news of
   * that task meanwhile (the worker pushes every change, so that news is at least as fresh).
   */
  applyAction(token: ActionToken, task: Task): void;
  /** The worker confirmed `task.remove`: drop the task and ignore late updates for it. */
  removed(taskId: string): void;
}

export function createTaskFeed(options: TaskFeedOptions): TaskFeed {
  const backoff = options.backoff ?? ((attempt: number) => backoffDelay(attempt, RECONNECT));
  const stableAfterMs = options.stableAfterMs ?? 1000;
  const setTimer = options.setTimer ?? ((cb: () => void, ms: number) => setTimeout(cb, ms));
  const clearTimer = options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));

  let state: FeedState = { tasks: [], loaded: false, error: null, reconnecting: false };
  const listeners = new Set<(state: FeedState) => void>();
  let port: PortLike | null = null;
  let started = false;
  let stopped = false;
  let reconnectAttempts = 0;
  let loadFailures = 0;
  let reconnectTimer: unknown = null;
  let stableTimer: unknown = null;
  let loadTimer: unknown = null;
  let loadSeq = 0;
  let pending: PortMessage[] | null = null; // live messages received while a list is on its way
  let reloads = 0;
  const versions = new Map<string, number>();
  const removedIds = new Set<string>();

  function set(patch: Partial<FeedState>): void {
    state = { ...state, ...patch };
    for (const listener of listeners) listener(state);
  }

  function cancelTimer(handle: unknown): null {
    if (handle !== null) clearTimer(handle);
    return null;
  }

  function bump(taskId: string): void {
    versions.set(taskId, (versions.get(taskId) ?? 0) + 1);
  }

  function onPortMessage(from: PortLike, message: unknown): void {
    if (stopped || from !== port || !isPortMessage(message)) return;
    healthy();
    const id = message.type === 'task.updated' ? message.task.id : message.taskId;
    if (message.type === 'task.updated' && removedIds.has(id)) return;
    bump(id);
    pending?.push(message);
    set({ tasks: applyPortMessage(state.tasks, message) });
  }

  function healthy(): void {
    reconnectAttempts = 0;
    stableTimer = cancelTimer(stableTimer);
    if (state.reconnecting) set({ reconnecting: false });
  }

  function openPort(): void {
    let opened: PortLike;
    try {
      opened = options.connect();
    } catch {
      scheduleReconnect();
      return;
    }
    port = opened;
    opened.onMessage.addListener((message) => onPortMessage(opened, message));
    opened.onDisconnect.addListener(() => {
      if (stopped || port !== opened) return;
      port = null;
      scheduleReconnect();
    });
    stableTimer = cancelTimer(stableTimer);
    stableTimer = setTimer(() => {
      stableTimer = null;
      if (!stopped && port === opened) healthy();
    }, stableAfterMs);
  }

  function scheduleReconnect(): void {
    if (stopped || reconnectTimer !== null) return;
    stableTimer = cancelTimer(stableTimer);
    reconnectAttempts += 1;
    if (!state.reconnecting) set({ reconnecting: true });
    reconnectTimer = setTimer(() => {
      reconnectTimer = null;
      if (stopped) return;
      openPort();
      void load();
    }, backoff(reconnectAttempts));
  }

  async function load(): Promise<void> {
    loadTimer = cancelTimer(loadTimer);
    const seq = ++loadSeq;
    pending = [];
    let list: Task[];
    try {
      list = await options.list();
    } catch (error) {
      if (stopped || seq !== loadSeq) return;
      pending = null;
      loadFailures += 1;
      set({ error: errorMessage(error) });
      loadTimer = setTimer(() => {
        loadTimer = null;
        if (!stopped) void load();
      }, backoff(loadFailures));
      return;
    }
    if (stopped || seq !== loadSeq) return;
    const tasks = reconcile(
      list.filter((task) => !removedIds.has(task.id)),
      pending,
    );
    pending = null;
    loadFailures = 0;
    reloads += 1;
    set({ tasks, loaded: true, error: null });
  }

  return {
    start() {
      if (started || stopped) return;
      started = true;
      openPort();
      void load();
    },
    stop() {
      stopped = true;
      reconnectTimer = cancelTimer(reconnectTimer);
      stableTimer = cancelTimer(stableTimer);
      loadTimer = cancelTimer(loadTimer);
      const open = port;
      port = null;
      try {
        open?.disconnect();
      } catch {
        // already gone
      }
    },
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    addStarted(task) {
      if (removedIds.has(task.id) || state.tasks.some((t) => t.id === task.id)) return;
      set({ tasks: upsertTask(state.tasks, task) });
    },
    beginAction(taskId) {
      return { taskId, version: versions.get(taskId) ?? 0, reloads };
    },
    applyAction(token, task) {
      if (removedIds.has(task.id)) return;
      const stale = (versions.get(task.id) ?? 0) !== token.version || reloads !== token.reloads;
      if (stale) return;
      set({ tasks: upsertTask(state.tasks, task) });
    },
    removed(taskId) {
      removedIds.add(taskId);
      bump(taskId);
      set({ tasks: removeTask(state.tasks, taskId) });
    },
  };
}
