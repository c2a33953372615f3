import { describe, expect, it } from 'vitest';
import { ReportGate, REPORT_LIMITS, TokenBucket, Turns } from '../../../lib/detect';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const refused = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe("the worker's gate for page reports", () => {
  it('refuses markup over the size cap before looking at it', () => {
    const gate = new ReportGate<string>();
    const html = 'x'.repeat(REPORT_LIMITS.maxHtml + 1);
    expect(refused(() => gate.admit(1, 'https://a.example/', html))).toBe('too_large');
  });

  it('answers the same report again from memory, without looking or spending the budget', () => {
    const time = clock();
    const gate = new ReportGate<string>(REPORT_LIMITS, time.now);
    const html = '<html>book</html>';
    expect(gate.admit(1, 'https://a.example/book', html)).toEqual({ look: true });
    gate.answered(1, 'https://a.example/book', html, 'a book');
    for (let i = 0; i < 1_000; i++)
      expect(gate.admit(1, 'https://a.example/book', html)).toEqual({ look: false, answer: 'a book' });
    // The budget is untouched: a different page of the tab is still looked at.
    expect(gate.admit(1, 'https://a.example/other', html)).toEqual({ look: true });
  });

  it("looks at a tab's markup a few times a minute at most, then refuses with forbidden", () => {
    const time = clock();
    const gate = new ReportGate<string>(REPORT_LIMITS, time.now);
    let looked = 0;
    let refusals = 0;
    for (let i = 0; i < 400; i++) {
      const code = refused(() => gate.admit(1, 'https://a.example/', `<p>${'x'.repeat(i)}</p>`));
      if (code === undefined) looked += 1;
      else if (code === 'forbidden') refusals += 1;
    }
    expect(looked).toBe(REPORT_LIMITS.tabBurst);
    expect(refusals).toBe(400 - REPORT_LIMITS.tabBurst);
    // A minute later the tab has its budget back.
    time.advance(60_000);
    expect(gate.admit(1, 'https://a.example/', '<p>again</p>')).toEqual({ look: true });
  });

  it('bounds all tabs together, so many tabs of one site cannot flood it either', () => {
    const time = clock();
    const gate = new ReportGate<string>(REPORT_LIMITS, time.now);
    let looked = 0;
    for (let tab = 0; tab < 100; tab++) {
      if (refused(() => gate.admit(tab, 'https://a.example/', `<p>${tab}</p>`)) === undefined) looked += 1;
    }
    expect(looked).toBe(REPORT_LIMITS.allBurst);
  });

  it('lets URL-only reports through more often, still bounded', () => {
    const time = clock();
    const gate = new ReportGate<string>(REPORT_LIMITS, time.now);
    let looked = 0;
    for (let i = 0; i < 500; i++)
      if (refused(() => gate.admit(1, `https://a.example/${i}`, undefined)) === undefined) looked += 1;
    expect(looked).toBe(REPORT_LIMITS.urlOnlyPerMinute);
  });

  it('forgets a closed tab', () => {
    const time = clock();
    const gate = new ReportGate<string>(REPORT_LIMITS, time.now);
    gate.admit(5, 'https://a.example/', '<p>1</p>');
    gate.answered(5, 'https://a.example/', '<p>1</p>', 'found');
    gate.closed(5);
    expect(gate.admit(5, 'https://a.example/', '<p>1</p>')).toEqual({ look: true });
  });
});

describe('token buckets', () => {
  it('gives a burst, then one token per refill period, never more than the burst', () => {
    const bucket = new TokenBucket(3, 3, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, true, false]);
    expect(bucket.take(19_999)).toBe(false);
    expect(bucket.take(20_000)).toBe(true);
    expect([
      bucket.take(10 * 60_000),
      bucket.take(10 * 60_000),
      bucket.take(10 * 60_000),
      bucket.take(10 * 60_000),
    ]).toEqual([true, true, true, false]);
  });
});

describe('turns', () => {
  it('runs one piece of work at a time and rests as long as each took, answering before the rest', async () => {
    let now = 0;
    const log: string[] = [];
    const rests: Array<() => void> = [];
    const turns = new Turns(
      () => now,
      (ms) =>
        new Promise<void>((resolve) => {
          log.push(`rest ${ms}`);
          rests.push(() => {
            now += ms;
            resolve();
          });
        }),
    );
    const piece = (name: string, ms: number) => () => {
      log.push(`start ${name}`);
      now += ms;
      return name;
    };
    const a = turns.take(piece('a', 300));
    const b = turns.take(piece('b', 100));
    const c = turns.take(() => Promise.reject(new Error('c')));
    expect(await a).toBe('a');
    // a answered while its rest goes on, and b waits for that rest.
    expect(log).toEqual(['start a', 'rest 300']);
    rests.shift()!();
    expect(await b).toBe('b');
    rests.shift()!();
    await expect(c).rejects.toThrow('c');
    expect(log).toEqual(['start a', 'rest 300', 'start b', 'rest 100', 'rest 0']);
  });
});
