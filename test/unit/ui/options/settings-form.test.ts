import { describe, expect, it } from 'vitest';
import '../english';
import type { Settings } from '../../../../lib/contract';
import { AppError } from '../../../../lib/errors';
import { CHOICE_FIELDS, NUMBER_FIELDS, formValues, settingsPatch } from '../../../../lib/ui/options/settings-form';
import { DEFAULT_SETTINGS, applySettingsPatch } from '../../../../lib/settings';

const current: Settings = { ...DEFAULT_SETTINGS };

describe('settings form', () => {
  it('has a field for every numeric setting, a select for each choice and a checkbox for notifications', () => {
    const choices = Object.keys(CHOICE_FIELDS);
    expect(choices.sort()).toEqual(['defaultFormat', 'splitMode', 'updateMode']);
    const keys = Object.keys(DEFAULT_SETTINGS)
      .filter((key) => !choices.includes(key) && key !== 'notifications')
      .sort();
    expect(NUMBER_FIELDS.map((field) => field.key).sort()).toEqual(keys);
    expect(Object.keys(formValues(current)).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });

  it('patches the notifications checkbox, and the worker takes only true or false', () => {
    const form = formValues(current);
    expect(form.notifications).toBe(true);
    expect(settingsPatch(current, { ...form, notifications: false })).toEqual({
      patch: { notifications: false },
      problems: [],
    });
    expect(applySettingsPatch(current, { notifications: false }).notifications).toBe(false);
    expect(() => applySettingsPatch(current, { notifications: 'no' })).toThrow(/true or false/);
  });

  it('patches the update and split choices, and the worker takes only the choices it knows', () => {
    const form = formValues(current);
    expect(form).toMatchObject({
      updateMode: 'whole',
      splitMode: 'none',
      checkUpdatesHours: '24',
      splitChapters: '1000',
    });
    expect(
      settingsPatch(current, { ...form, updateMode: 'part', splitMode: 'chapters', splitChapters: '100' }).patch,
    ).toEqual({
      updateMode: 'part',
      splitMode: 'chapters',
      splitChapters: 100,
    });
    expect(applySettingsPatch(current, { updateMode: 'part', splitMode: 'volume' })).toMatchObject({
      updateMode: 'part',
      splitMode: 'volume',
    });
    expect(() => applySettingsPatch(current, { splitMode: 'pages' })).toThrow(/one of none, volume, chapters/);
    expect(() => applySettingsPatch(current, { updateMode: 'all' })).toThrow(/one of whole, part/);
  });

  it('checks followed books every few hours, fractions allowed, off at 0', () => {
    expect(applySettingsPatch(current, { checkUpdatesHours: 0 }).checkUpdatesHours).toBe(0);
    expect(applySettingsPatch(current, { checkUpdatesHours: 0.001 }).checkUpdatesHours).toBe(0.001);
    expect(() => applySettingsPatch(current, { checkUpdatesHours: -1 })).toThrow(/0 \(off\) to 720/);
    expect(() => applySettingsPatch(current, { checkUpdatesHours: '6' })).toThrow(/0 \(off\) to 720/);
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
    expect(settingsPatch(current, { ...form, concurrency: '99', maxAttempts: '2.5' }).patch).toEqual({
      concurrency: 99,
      maxAttempts: 2.5,
    });
  });

  it('keeps text that is no number, naming the field', () => {
    const form = formValues(current);
    const result = settingsPatch(current, { ...form, delayMs: '', concurrency: 'abc' });
    expect(result.problems).toEqual([
      '"Parallel requests per site" needs a number.',
      '"Pause between requests (ms)" needs a number.',
    ]);
    expect(result.patch).toEqual({});
  });

  // The bounds shown in the form must be the worker's: its min and max pass, one step beyond fails.
  it.each(NUMBER_FIELDS.map((field) => [field.key, field] as const))(
    '%s bounds agree with the worker',
    (_key, field) => {
      const stored = (shown: number) => Math.round(shown * field.scale);
      expect(() => applySettingsPatch(current, { [field.key]: stored(field.min) })).not.toThrow();
      expect(() => applySettingsPatch(current, { [field.key]: stored(field.max) })).not.toThrow();
      expect(() => applySettingsPatch(current, { [field.key]: stored(field.max) + 1 })).toThrow(AppError);
      expect(() => applySettingsPatch(current, { [field.key]: stored(field.min) - 1 })).toThrow(AppError);
    },
  );
});
