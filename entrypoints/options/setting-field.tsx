import { CHOICE_FIELDS, type ChoiceKey, type NumberField } from '../../lib/ui/options/settings-form';
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

export interface ChoiceFieldProps {
  name: ChoiceKey;
  value: string;
  onChange: (value: string) => void;
}

/** A setting chosen from a list: its label, the select, and a line of help below. */
export function ChoiceField({ name, value, onChange }: ChoiceFieldProps) {
  const { label, help } = strings.options.fields[name];
  const words: Record<string, string> = strings.options.choices[name];
  const id = `setting-${name}`;
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {label}
      </label>
      <select
        id={id}
        data-testid={id}
        value={value}
        aria-describedby={`${id}-help`}
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        {CHOICE_FIELDS[name].map((choice) => (
          <option key={choice} value={choice}>
            {words[choice]}
          </option>
        ))}
      </select>
      <p class="field-help" id={`${id}-help`}>
        {help}
      </p>
    </div>
  );
}
