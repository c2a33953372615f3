import { useEffect, useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { Settings } from '../../lib/contract';
import { errorMessage } from '../../lib/ui/format-task';
import {
  CHOICE_FIELDS,
  NUMBER_FIELDS,
  formValues,
  settingsPatch,
  type ChoiceKey,
  type FormValues,
} from '../../lib/ui/options/settings-form';
import { strings } from '../../lib/ui/strings';
import { ChoiceField, SettingField } from './setting-field';

export interface SettingsSectionProps {
  call: Client;
}

export function SettingsSection({ call }: SettingsSectionProps) {
  const s = strings.options;
  const [current, setCurrent] = useState<Settings | null>(null);
  const [form, setForm] = useState<FormValues | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call({ type: 'settings.get' }).then(
      ({ settings }) => {
        if (!live) return;
        setCurrent(settings);
        setForm(formValues(settings));
      },
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [call]);

  function edit<K extends keyof FormValues>(key: K, value: FormValues[K]) {
    setForm((old) => (old ? { ...old, [key]: value } : old));
    setStatus(null);
  }

  async function save(event: Event) {
    event.preventDefault();
    if (!current || !form || busy) return;
    setError(null);
    setStatus(null);
    const { patch, problems } = settingsPatch(current, form);
    if (problems.length) {
      setError(problems.join(' '));
      return;
    }
    if (Object.keys(patch).length === 0) {
      setStatus(s.noChanges);
      return;
    }
    setBusy(true);
    try {
      const { settings } = await call({ type: 'settings.set', patch });
      setCurrent(settings);
      setForm(formValues(settings));
      setStatus(s.saved);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading" class="section-heading">
        {s.sections.settings}
      </h2>
      <p class="intro">{s.settingsIntro}</p>
      {!form ? (
        !error && <p class="muted">{s.loading}</p>
      ) : (
        <form class="settings-form" noValidate onSubmit={save} data-testid="settings-form">
          {(Object.keys(CHOICE_FIELDS) as ChoiceKey[]).map((key) => (
            <ChoiceField key={key} name={key} value={form[key]} onChange={(value) => edit(key, value)} />
          ))}
          {NUMBER_FIELDS.map((field) => (
            <SettingField
              key={field.key}
              field={field}
              value={form[field.key]}
              onInput={(value) => edit(field.key, value)}
            />
          ))}
          <div class="field" role="group" aria-labelledby="setting-notifications-label">
            <span class="field-label" id="setting-notifications-label">
              {s.fields.notifications.label}
            </span>
            <label class="checkbox">
              <input
                type="checkbox"
                id="setting-notifications"
                data-testid="setting-notifications"
                checked={form.notifications}
                aria-describedby="setting-notifications-help"
                onChange={(event) => edit('notifications', event.currentTarget.checked)}
              />
              <span>{s.notificationsCheckbox}</span>
            </label>
            <p class="field-help" id="setting-notifications-help">
              {s.fields.notifications.help}
            </p>
          </div>
          <div class="form-actions">
            <button type="submit" class="primary" data-testid="settings-save" disabled={busy} aria-busy={busy}>
              {busy ? s.savingButton : s.saveButton}
            </button>
            <span role="status" class="status-text" data-testid="settings-status">
              {status}
            </span>
          </div>
        </form>
      )}
      {error && (
        <p role="alert" class="alert" data-testid="settings-error">
          {error}
        </p>
      )}
    </section>
  );
}
