// Subscriptions to rule lists: `subscription.add`, `.list`, `.refresh`, `.remove` and the alarm's
// refresh of the lists that are due. The list is fetched through the page loader (the host's
// politeness, retries, timeouts and size cap), read entry by entry (read-list.ts), and what
// changes is decided by planRefresh and stored in one transaction with the decision's inputs.

import type { ErrorInfo, SourceInfo, SourceRule, Subscription } from '../contract';
import { AppError, toErrorInfo } from '../errors';
import type { Store } from '../store/store';
import type { SubscriptionRecord } from '../store/schema';
import type { PageLoader } from '../task/page-loader';
import { ruleFingerprint } from './fingerprint';
import { planRefresh, planRemoval, sourceState } from './plan-refresh';
import { readRuleList, type ListEntry } from './read-list';
import { isDue } from './schedule';

export interface SubscriptionsDeps {
  store: Store;
  load: PageLoader;
  builtInIds: ReadonlySet<string>;
  now: () => number;
  newId: () => string;
  /** Keeps the worker alive while a slow list downloads (a pending fetch does not count as activity). */
  keepAlive: () => void;
}

const KEEP_ALIVE_MS = 10_000;

export class Subscriptions {
  /** One add, refresh or removal at a time: they read and write the same sources. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: SubscriptionsDeps) {}

  /** Fetches the list and installs its good sources; a list that cannot be read stores nothing. */
  add(url: unknown): Promise<Subscription> {
    return this.serial(async () => {
      const address = listAddress(url);
      const twin = (await this.deps.store.subscriptions()).find((record) => record.url === address);
      if (twin)
        throw new AppError(
          'invalid_message',
          `You subscribe to ${address} already. Use "Refresh now" on it to fetch it again.`,
        );
      const entries = await this.read(address);
      const now = this.deps.now();
      return this.apply(
        {
          id: this.deps.newId(),
          url: address,
          addedAt: now,
          refreshedAt: now,
          checkedAt: now,
          tracked: [],
          changes: [],
        },
        entries,
      );
    });
  }

  async list(): Promise<Subscription[]> {
    const [records, sources] = await Promise.all([this.deps.store.subscriptions(), this.deps.store.importedSources()]);
    const stored = fingerprints(sources);
    return records.sort((a, b) => a.addedAt - b.addedAt).map((record) => view(record, stored));
  }

  /**
   * Fetches the list again and applies what changed. A list that cannot be read changes no
   * source: the try and its error are kept on the subscription, and the error is the answer.
   */
  refresh(id: unknown): Promise<Subscription> {
    return this.serial(async () => {
      const { error: _previous, ...record } = await this.get(id);
      const checkedAt = this.deps.now();
      let entries: ListEntry[];
      try {
        entries = await this.read(record.url);
      } catch (error) {
        const info = failure(error, record.url);
        await this.deps.store.putSubscription({ ...record, checkedAt, error: info });
        throw new AppError(info.code, info.message);
      }
      return this.apply({ ...record, checkedAt, refreshedAt: checkedAt }, entries);
    });
  }

  /** The alarm's work: refreshes every list due after `hours`; one that fails keeps its error and the rest go on. */
  async refreshDue(hours: number): Promise<number> {
    const now = this.deps.now();
    const due = (await this.deps.store.subscriptions()).filter((record) => isDue(record.checkedAt, now, hours));
    let refreshed = 0;
    for (const record of due) {
      try {
        await this.refresh(record.id);
        refreshed += 1;
      } catch (error) {
        // Kept on the subscription, where the options page shows it.
        console.warn(`Subscription ${record.url} could not be refreshed`, error);
      }
    }
    return refreshed;
  }

  /** Stops following the list: its sources go, except the reader's edits and those a download uses. */
  remove(id: unknown): Promise<{ deleted: string[]; kept: string[] }> {
    return this.serial(async () => {
      const record = await this.get(id);
      return this.deps.store.changeSubscribedSources((now) => {
        const { remove, kept } = planRemoval(record.tracked, fingerprints(now.sources), now.busySources);
        return { remove, drop: record.id, result: { deleted: remove, kept } };
      });
    });
  }

  /** Marks the sources subscriptions installed, for `source.list`. */
  async annotate(sources: SourceInfo[]): Promise<SourceInfo[]> {
    const records = await this.deps.store.subscriptions();
    if (records.length === 0) return sources;
    const stored = fingerprints(await this.deps.store.importedSources());
    const marks = new Map<string, NonNullable<SourceInfo['subscription']>>();
    for (const record of records) {
      for (const source of record.tracked) {
        const state = sourceState(source, stored);
        if (state !== 'deleted') marks.set(source.id, { id: record.id, url: record.url, state });
      }
    }
    return sources.map((source) => {
      const mark = source.builtIn ? undefined : marks.get(source.id);
      return mark ? { ...source, subscription: mark } : source;
    });
  }

  private async get(id: unknown): Promise<SubscriptionRecord> {
    const record = typeof id === 'string' ? await this.deps.store.getSubscription(id) : undefined;
    if (!record)
      throw new AppError(
        'unknown_subscription',
        `There is no subscription with the id ${JSON.stringify(id) ?? 'nothing'}; it may have been removed.`,
      );
    return record;
  }

  private async read(url: string): Promise<ListEntry[]> {
    const timer = setInterval(this.deps.keepAlive, KEEP_ALIVE_MS);
    try {
      // A list has no site rule: the host's own politeness and the settings apply, as to any page.
      const page = await this.deps.load(url, {}, new AbortController().signal);
      return readRuleList(page.html, url, this.deps.builtInIds);
    } finally {
      clearInterval(timer);
    }
  }

  private apply(record: SubscriptionRecord, entries: ListEntry[]): Promise<Subscription> {
    return this.deps.store.changeSubscribedSources((now) => {
      const stored = fingerprints(now.sources);
      const takenBy = new Map(
        now.subscriptions
          .filter((other) => other.id !== record.id)
          .flatMap((other) => other.tracked.map((source) => [source.id, other.url] as const)),
      );
      const plan = planRefresh({ tracked: record.tracked, entries, stored, takenBy, inUse: now.busySources });
      const next: SubscriptionRecord = { ...record, tracked: plan.tracked, changes: plan.changes };
      for (const rule of plan.write) stored.set(rule.id, ruleFingerprint(rule));
      for (const id of plan.remove) stored.delete(id);
      return { write: plan.write, remove: plan.remove, put: next, result: view(next, stored) };
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function listAddress(value: unknown): string {
  const shown = typeof value === 'string' ? `"${value}"` : `A ${value === null ? 'null' : typeof value} value`;
  if (typeof value !== 'string' || !URL.canParse(value.trim()) || !/^https?:$/.test(new URL(value.trim()).protocol)) {
    throw new AppError(
      'invalid_url',
      `${shown} is not a web address. Give the full http:// or https:// address of a rule list (a .json file).`,
    );
  }
  return new URL(value.trim()).href;
}

/** The error a failed refresh leaves on its subscription. */
function failure(error: unknown, url: string): ErrorInfo {
  const info = toErrorInfo(error);
  return { ...info, message: `${info.message} The sources installed from ${url} are kept as they were.` };
}

function fingerprints(sources: readonly SourceRule[]): Map<string, string> {
  return new Map(sources.map((rule) => [rule.id, ruleFingerprint(rule)]));
}

function view(record: SubscriptionRecord, stored: ReadonlyMap<string, string>): Subscription {
  const { tracked, ...rest } = record;
  return {
    ...rest,
    sources: tracked.map((source) => ({ id: source.id, name: source.name, state: sourceState(source, stored) })),
  };
}
