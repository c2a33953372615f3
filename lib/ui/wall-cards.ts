// What the popup and the notifications say about tasks waiting for the reader: one card per
// site, however many of its downloads wait, so the reader is asked once.
import type { Task, WaitKind } from '../contract';
import { taskName } from './format-task';
import type { Strings } from './strings';

export interface WallCard {
  host: string;
  kind: WaitKind;
  /** The page to open in a tab: where the first of the host's tasks met the wall. */
  url: string;
  /** When the first of them met the wall, and when it gives up (epoch ms). */
  since: number;
  until: number;
  /** The host's waiting tasks, the one that met the wall first first. */
  taskIds: string[];
  /** "«Book» is waiting for you to confirm you are human on site.com." (and how many wait with it) */
  message: string;
}

/** One card per host with waiting tasks, the host whose wall came first first. */
export function wallCards(tasks: readonly Task[], s: Strings): WallCard[] {
  const byHost = new Map<string, Task[]>();
  for (const task of tasks) {
    if (task.status !== 'waiting' || !task.waitingFor) continue;
    const list = byHost.get(task.waitingFor.host) ?? [];
    list.push(task);
    byHost.set(task.waitingFor.host, list);
  }
  const cards: WallCard[] = [];
  for (const [host, waiting] of byHost) {
    waiting.sort((a, b) => a.waitingFor!.since - b.waitingFor!.since || a.createdAt - b.createdAt);
    const first = waiting[0]!;
    const { kind, url, since, until } = first.waitingFor!;
    const asked = kind === 'login' ? s.wall.login(taskName(first), host) : s.wall.challenge(taskName(first), host);
    const others = waiting.length - 1;
    cards.push({
      host,
      kind,
      url,
      since,
      until,
      taskIds: waiting.map((task) => task.id),
      message: others > 0 ? `${asked} ${s.wall.others(others)}` : asked,
    });
  }
  return cards.sort((a, b) => a.since - b.since);
}

/**
 * Which hosts to announce and which announcements to take back, given the hosts announced so
 * far: a host is announced once when its first task starts waiting, and forgotten when none
 * waits any more (so a wall that comes back later is announced again).
 */
export function wallNoticePlan(
  announced: ReadonlySet<string>,
  cards: readonly WallCard[],
): { show: WallCard[]; clear: string[] } {
  const waiting = new Set(cards.map((card) => card.host));
  return {
    show: cards.filter((card) => !announced.has(card.host)),
    clear: [...announced].filter((host) => !waiting.has(host)),
  };
}
