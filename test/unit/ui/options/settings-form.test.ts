import { describe, expect, it } from 'vitest';
import '../english';
import type { Settings } from '../../../../lib/contract';
import { AppError } from '../../../../lib/errors';
import { NUMBER_FIELDS, formValues, settingsPatch } from '../../../../lib/ui/options/settings-form';
import { DEFAULT_SETTINGS, applySettingsPatch } from '../../../../lib/settings';

const current: Settings = { ...DEFAULT_SETTINGS };

describe('settings form', () => {
  it('has a field for every numeric setting, a select for the format and a checkbox for notifications', () => {
    const keys = Object.keys(DEFAULT_SETTINGS).filter((key) => key !== 'defaultFormat' && key !== 'notifications').sort();
    expect(NUMBER_FIELDS.map((field) => field.key).sort()).toEqual(keys);
    expect(Object.keys(formValues(current)).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });

  it('patches the notifications checkbox, and the worker takes only true or false', () => {
    const form = formValues(current);
    expect(form.notifications).toBe(true);
    expect(settingsPatch(current, { ...form, notifications: false })).toEqual({ patch: { notifications: false }, problems: [] });
    expect(applySettingsPatch(current, { notifications: false }).notifications).toBe(false);
    expect(() => applySettingsPatch(current, { notifications: 'no' })).toThrow(/true or false/);
  });

  it('shows the timeout in seconds', () => {
    expect(formValues(current)).toMatchObject({ requestTimeoutMs: '30', concurrency: '3', defaultFormat: 'epub' });
  });

  it('patches only what changed', () => {
    const form = formValues(current);
    expect(settingsPatch(current, form)).toEqual({ patch: {}, problems: [] });
    expect(settingsPatch(current, { ...form, concurrency: ' 5 ', defaultFormat: 'txt' })).toEqual({
      patch: { concurrency: 5, defaultFormat: 'txt' },
      problems: [],
    });
  });

  it('turns seconds back into whole milliseconds', () => {
    const form = formValues(current);
    expect(settingsPatch(current, { ...form, requestTimeoutMs: '1.1' }).patch).toEqual({ requestTimeoutMs: 1100 });
  });

  it('sends out-of-bounds numbers as typed so the worker explains the bound', () => {
    const form = formValues(current);
    expect(settingsPatch(current, { ...form, concurrency: '99', maxAttempts: '2.5' }).patch).toEqual({ concurrency: 99, maxAttempts: 2.5 });
  });

  it('keeps text that is no number, naming the field', () => {
    const form = formValues(current);
    const result = settingsPatch(current, { ...form, delayMs: '', concurrency: 'abc' });
    expect(result.problems).toEqual(['"Parallel requests per site" needs a number.', '"Pause between requests (ms)" needs a number.']);
    expect(result.patch).toEqual({});
  });

  // The bounds shown in the form must be the worker's: its min and max pass, one step beyond fails.
  it.each(NUMBER_FIELDS.map((field) => [field.key, field] as const))('%s bounds agree with the worker', (_key, field) => {
    const stored = (shown: number) => Math.round(shown * field.scale);
    expect(() => applySettingsPatch(current, { [field.key]: stored(field.min) })).not.toThrow();
    expect(() => applySettingsPatch(current, { [field.key]: stored(field.max) })).not.toThrow();
    expect(() => applySettingsPatch(current, { [field.key]: stored(field.max) + 1 })).toThrow(AppError);
    expect(() => applySettingsPatch(current, { [field.key]: stored(field.min) - 1 })).toThrow(AppError);
  });
});
