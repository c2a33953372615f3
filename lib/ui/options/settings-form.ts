// The settings form as data: which input each setting gets, its unit and bounds, and how the
// typed text becomes the `settings.set` patch. The worker stays the authority on what is valid.
import { FORMATS, SPLIT_MODES, UPDATE_MODES, type Settings } from '../../contract';
import { strings } from '../strings';

/** The settings chosen from a list, with their choices in the order the select shows them. */
export const CHOICE_FIELDS = { defaultFormat: FORMATS, updateMode: UPDATE_MODES, splitMode: SPLIT_MODES } as const;
export type ChoiceKey = keyof typeof CHOICE_FIELDS;

export type NumericKey = Exclude<keyof Settings, ChoiceKey | 'notifications'>;

export interface NumberField {
  key: NumericKey;
  /** Stored value = shown value × scale (the timeout is shown in seconds, stored in ms). */
  scale: number;
  /** Bounds in the shown unit; they mirror lib/settings.ts (a unit test keeps them in step). */
  min: number;
  max: number;
  step: number;
}

// A Record, so a setting added to the contract without a field here fails the type check.
const FIELDS: Record<NumericKey, Omit<NumberField, 'key'>> = {
  concurrency: { scale: 1, min: 1, max: 16, step: 1 },
  delayMs: { scale: 1, min: 0, max: 60_000, step: 50 },
  requestTimeoutMs: { scale: 1000, min: 1, max: 600, step: 1 },
  maxAttempts: { scale: 1, min: 1, max: 10, step: 1 },
  maxRunningTasks: { scale: 1, min: 1, max: 8, step: 1 },
  maxFailedChapterPercent: { scale: 1, min: 0, max: 100, step: 1 },
  watchdogPeriodSeconds: { scale: 1, min: 1, max: 3_600, step: 1 },
  maxTaskMinutes: { scale: 1, min: 1, max: 10_080, step: 1 },
  checkUpdatesHours: { scale: 1, min: 0, max: 720, step: 1 },
  splitChapters: { scale: 1, min: 10, max: 100_000, step: 10 },
  // Whole minutes here; the worker also takes fractions down to 0.05 (tests use them).
  challengeWaitMinutes: { scale: 1, min: 1, max: 1_440, step: 1 },
  maxPageMB: { scale: 1, min: 1, max: 500, step: 1 },
  subscriptionRefreshHours: { scale: 1, min: 0, max: 720, step: 1 },
};

/** In the order the form shows them. */
export const NUMBER_FIELDS: readonly NumberField[] = (Object.keys(FIELDS) as NumericKey[]).map((key) => ({
  key,
  ...FIELDS[key],
}));

/** What the inputs hold: text as typed, in the shown units; the checkbox as checked. */
export type FormValues = { notifications: boolean } & Record<ChoiceKey | NumericKey, string>;

export function formValues(settings: Settings): FormValues {
  const values = { notifications: settings.notifications } as FormValues;
  for (const key of Object.keys(CHOICE_FIELDS) as ChoiceKey[]) values[key] = settings[key];
  for (const field of NUMBER_FIELDS) values[field.key] = String(settings[field.key] / field.scale);
  return values;
}

export interface PatchResult {
  /** Only the settings whose value differs from `current`. */
  patch: Partial<Settings>;
  /** Sentences for inputs that hold no number at all; nothing is sent while there are any. */
  problems: string[];
}

/**
 * The `settings.set` patch for what the form holds. Numbers out of bounds are sent as typed,
 * so the worker's own sentence explains the bound; only text that is no number stays here.
 */
export function settingsPatch(current: Settings, form: FormValues): PatchResult {
  const patch: Partial<Settings> = {};
  const problems: string[] = [];
  // A choice is sent as chosen; the worker refuses one it does not know.
  for (const key of Object.keys(CHOICE_FIELDS) as ChoiceKey[]) {
    if (form[key] !== current[key]) (patch as Record<ChoiceKey, string>)[key] = form[key];
  }
  if (form.notifications !== current.notifications) patch.notifications = form.notifications;
  for (const field of NUMBER_FIELDS) {
    const text = form[field.key].trim();
    const shown = text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(shown)) {
      problems.push(strings.options.notANumber(strings.options.fields[field.key].label));
      continue;
    }
    // Seconds to milliseconds: 1.1 × 1000 must be 1100, not 1100.0000000000002.
    const value = field.scale === 1 ? shown : Math.round(shown * field.scale);
    if (value !== current[field.key]) patch[field.key] = value;
  }
  return { patch, problems };
}
