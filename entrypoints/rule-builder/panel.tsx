import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { PanelMessage, PickerMessage, RuleField } from '../../lib/contract';
import { missingFields } from '../../lib/rule-builder/assemble-rule';
import {
  edit,
  move,
  openPage,
  pick,
  previews,
  setNewestFirst,
  stageFields,
  type BuilderSession,
  type BuilderState,
} from '../../lib/rule-builder/builder';
import { REQUIRED_FIELDS } from '../../lib/rule-builder/fields';
import { fieldNames } from '../../lib/ui/rule-builder';
import { strings } from '../../lib/ui/strings';
import { FieldRow } from './field-row';
import { TestAndSave } from './test-and-save';

/** The picker in the page, over the port the panel opened to it. */
export interface PickerLink {
  send(message: PanelMessage): void;
  listen(listener: (message: PickerMessage) => void): () => void;
}

/** Where the tab's session is kept while the tab moves from page to page. */
export interface SessionStore {
  load(): Promise<BuilderSession | undefined>;
  save(session: BuilderSession): Promise<void>;
  clear(): Promise<void>;
}

const s = strings.ruleBuilder;

export interface PanelProps {
  call: Client;
  picker: PickerLink;
  sessions: SessionStore;
  /** Shows another page in the tab (the picker comes back with the panel once it has loaded). */
  navigate(url: string): Promise<void>;
}

type Status = { kind: 'connecting' } | { kind: 'ready' } | { kind: 'tooLarge'; size: number };

export function Panel({ call, picker, sessions, navigate }: PanelProps) {
  const [state, setState] = useState<BuilderState>();
  const [status, setStatus] = useState<Status>({ kind: 'connecting' });
  const [picking, setPicking] = useState<RuleField | null>(null);
  const [active, setActive] = useState<RuleField | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const current = useRef(state);
  current.current = state;

  useEffect(
    () =>
      picker.listen((message) => {
        switch (message.type) {
          case 'snapshot':
            void sessions.load().then((stored) => {
              const opened = openPage(stored, message.url, message.html);
              setState(opened);
              setActive(
                stageFields(opened.stage).find((field) => !opened.choices[field]) ?? stageFields(opened.stage)[0]!,
              );
              setStatus({ kind: 'ready' });
            });
            return;
          case 'snapshot.tooLarge':
            setPicking(null);
            setStatus({ kind: 'tooLarge', size: message.size });
            return;
          case 'picked': {
            setPicking(null);
            const before = current.current;
            if (!before) return;
            const result = pick(before, message.field, message.url, message.html, message.path, message.tag);
            if ('missed' in result)
              setNotice(result.missed === 'changed' ? s.pageChanged : s.pickMissed(s.fields[message.field]));
            else {
              setNotice(null);
              setState(result.state);
            }
            return;
          }
          case 'pick.stopped':
            setPicking(null);
        }
      }),
    [picker, sessions],
  );

  // Saved when the session changes, not on every other change of the state.
  const session = state?.session;
  useEffect(() => {
    if (session) void sessions.save(session);
  }, [session, sessions]);

  const shown = useMemo(() => (state ? previews(state) : {}), [state]);
  useEffect(() => {
    picker.send({ type: 'outline', paths: (active && shown[active]?.paths) || [] });
  }, [picker, shown, active]);

  if (status.kind === 'tooLarge') return <p class="note-error">{s.pageTooLarge(status.size)}</p>;
  if (!state) return <p class="connecting">{s.connecting}</p>;

  const update = (next: BuilderState) => setState(next);
  const startPick = (field: RuleField) => {
    setActive(field);
    setNotice(null);
    if (picking === field) {
      setPicking(null);
      picker.send({ type: 'pick.stop' });
      return;
    }
    setPicking(field);
    picker.send({ type: 'pick', field, prompt: s.prompts[field] });
  };
  const missing = missingFields(state.session.selectors);
  const missingHere = missing.filter((field) => stageFields(state.stage).includes(field));
  const chapters = shown.chapters?.caught;
  const firstUrl = chapters?.field === 'chapters' ? chapters.firstUrl : undefined;
  const draft = {
    bookUrl: state.session.bookUrl,
    selectors: state.session.selectors,
    newestFirst: state.session.newestFirst,
  };
  const go = async (url: string) => {
    await sessions.save(state.session);
    await navigate(url);
  };

  return (
    <>
      <p class="stage" data-testid="stage" data-stage={state.stage}>
        {s.stage[state.stage]}
      </p>
      {stageFields(state.stage).map((field) => (
        <FieldRow
          key={field}
          field={field}
          choice={state.choices[field]}
          preview={shown[field]}
          optional={!REQUIRED_FIELDS.includes(field)}
          active={active === field}
          picking={picking === field}
          onFocus={() => setActive(field)}
          onPick={() => startPick(field)}
          onMove={(by) => update(move(state, field, by))}
          onEdit={(selector) => update(edit(state, field, selector))}
        >
          {field === 'chapters' && (
            <label class="newest-first">
              <input
                type="checkbox"
                data-testid="newest-first"
                checked={state.session.newestFirst}
                onChange={(event) => update(setNewestFirst(state, event.currentTarget.checked))}
              />{' '}
              {s.newestFirst}
            </label>
          )}
        </FieldRow>
      ))}
      {notice && (
        <p class="note-warning" role="status" data-testid="pick-notice">
          {notice}
        </p>
      )}
      {missingHere.length > 0 && <p class="missing">{s.stillToPick(fieldNames(missingHere))}</p>}
      {state.stage === 'book' ? (
        <button
          type="button"
          class="primary"
          data-testid="open-first-chapter"
          disabled={missingHere.length > 0 || !firstUrl}
          onClick={() => firstUrl && void go(firstUrl)}
        >
          {s.looksRightBook}
        </button>
      ) : (
        <>
          <div class="page-actions">
            <button type="button" data-testid="back-to-book" onClick={() => void go(state.session.bookUrl)}>
              {s.backToBook}
            </button>
            <button
              type="button"
              data-testid="start-here"
              onClick={() => update(openPage(undefined, state.url, state.page.source))}
            >
              {s.startHere}
            </button>
          </div>
          {missing.length > 0 && missingHere.length === 0 && (
            <p class="missing">{s.stillToPick(fieldNames(missing))}</p>
          )}
          <TestAndSave call={call} draft={draft} ready={missing.length === 0} />
        </>
      )}
    </>
  );
}
