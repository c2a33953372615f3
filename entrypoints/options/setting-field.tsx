import type { NumberField } from '../../lib/ui/options/settings-form';
import { strings } from '../../lib/ui/strings';

export interface SettingFieldProps {
  field: NumberField;
  value: string;
  onInput: (value: string) => void;
}

/** One number setting: its label, the input in the shown unit, and a line of help below. */
export function SettingField({ field, value, onInput }: SettingFieldProps) {
  const { label, help } = strings.options.fields[field.key];
  const id = `setting-${field.key}`;
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        class="number-input"
        data-testid={id}
        name={field.key}
        min={field.min}
        max={field.max}
        step={field.step}
        value={value}
        aria-describedby={`${id}-help`}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <p class="field-help" id={`${id}-help`}>
        {help}
      </p>
    </div>
  );
}
