import { describe, expect, it } from 'vitest';
import './english';
import type { Task, WaitingFor } from '../../../lib/contract';
import { strings } from '../../../lib/ui/strings';
import { wallCards, wallNoticePlan } from '../../../lib/ui/wall-cards';
import { makeTask } from './fixtures';

const waiting = (id: string, title: string, wall: Partial<WaitingFor> = {}, extra: Partial<Task> = {}): Task =>
  makeTask({
    id,
    title,
    status: 'waiting',
    waitingFor: {
      kind: 'challenge',
      host: 'novel.example',
      url: `https://novel.example/${id}`,
      since: 100,
      until: 1_900,
      ...wall,
    },
    ...extra,
  });

describe('wall cards', () => {
  it('asks once per host, naming the book that met the wall first and how many wait with it', () => {
    const cards = wallCards(
      [
        waiting('b', 'Second Book', { since: 200, until: 2_000 }),
        makeTask({ id: 'r', status: 'running' }),
        waiting('a', 'First Book', { since: 100 }),
        waiting('c', 'Third Book', { since: 300 }),
      ],
      strings,
    );
    expect(cards).toEqual([
      {
        host: 'novel.example',
        kind: 'challenge',
        url: 'https://novel.example/a',
        since: 100,
        until: 1_900,
        taskIds: ['a', 'b', 'c'],
        message:
          '«First Book» is waiting for you to confirm you are human on novel.example. 2 more downloads from this site wait with it.',
      },
    ]);
  });

  it('one card for each host, a sign-in asked in its own words, the earliest wall first', () => {
    const cards = wallCards(
      [
        waiting('x', 'Login Book', { kind: 'login', host: 'books.example', since: 50 }),
        waiting('y', 'Other', { host: 'other.example', since: 60 }),
      ],
      strings,
    );
    expect(cards.map((card) => [card.host, card.message])).toEqual([
      ['books.example', '«Login Book» is waiting for you to sign in on books.example.'],
      ['other.example', '«Other» is waiting for you to confirm you are human on other.example.'],
    ]);
    // A book whose title is not known yet is named by its address.
    expect(wallCards([waiting('z', '')], strings)[0]!.message).toContain('«http://127.0.0.1:8080/book/1»');
  });

  it('has no card when nothing waits', () => {
    expect(wallCards([makeTask({ status: 'running' }), makeTask({ status: 'failed' })], strings)).toEqual([]);
  });
});

describe('wall notices', () => {
  it('announces a host once, and takes it back when none of its tasks waits any more', () => {
    const first = wallCards([waiting('a', 'A')], strings);
    expect(wallNoticePlan(new Set(), first).show.map((c) => c.host)).toEqual(['novel.example']);
    const more = wallCards([waiting('a', 'A'), waiting('b', 'B', { since: 200 })], strings);
    expect(wallNoticePlan(new Set(['novel.example']), more)).toEqual({ show: [], clear: [] });
    expect(wallNoticePlan(new Set(['novel.example']), [])).toEqual({ show: [], clear: ['novel.example'] });
  });
});
