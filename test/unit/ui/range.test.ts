import { describe, expect, it } from 'vitest';
import './english';
import { parseRange } from '../../../lib/ui/range';

describe('parseRange', () => {
  it('asks for the whole book when both boxes are empty', () => {
    expect(parseRange('', ' ', 12)).toEqual({ ok: true });
  });

  it('passes what was typed', () => {
    expect(parseRange('3', '8', 12)).toEqual({ ok: true, range: { from: 3, to: 8 } });
    expect(parseRange(' 5 ', '', 12)).toEqual({ ok: true, range: { from: 5 } });
    expect(parseRange('', '20', 12)).toEqual({ ok: true, range: { to: 20 } }); // the worker stops at the end
    expect(parseRange('40', '', 0)).toEqual({ ok: true, range: { from: 40 } }); // count unknown: the worker judges
  });

  it('names the box that is wrong, and why', () => {
    expect(parseRange('0', '', 12)).toEqual({
      ok: false,
      field: 'from',
      message: '"First chapter" must be a whole chapter number of 1 or more.',
    });
    expect(parseRange('1', 'x', 12)).toMatchObject({ ok: false, field: 'to' });
    expect(parseRange('2.5', '', 12)).toMatchObject({ ok: false, field: 'from' });
    expect(parseRange('9', '3', 12)).toEqual({
      ok: false,
      field: 'from',
      message: 'The first chapter (9) comes after the last (3).',
    });
    expect(parseRange('13', '', 12)).toEqual({
      ok: false,
      field: 'from',
      message: 'This book has 12 chapters, so it has no chapter 13.',
    });
  });
});
