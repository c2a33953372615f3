import { useEffect, useState } from 'preact/hooks';
import type { RuleField } from '../../lib/contract';
import { canMove, type FieldChoice } from '../../lib/rule-builder/field-choice';
import type { Preview } from '../../lib/rule-builder/preview';
import { caughtView } from '../../lib/ui/rule-builder';
import { strings } from '../../lib/ui/strings';

export interface FieldRowProps {
  field: RuleField;
  choice?: FieldChoice;
  preview?: Preview;
  optional: boolean;
  active: boolean;
  picking: boolean;
  onFocus(): void;
  onPick(): void;
  onMove(by: 1 | -1): void;
  onEdit(selector: string): void;
  children?: preact.ComponentChildren;
}

/** One part of the rule: what it catches on the page, its selector, and the ways to change it. */
export function FieldRow({
  field,
  choice,
  preview,
  optional,
  active,
  picking,
  onFocus,
  onPick,
  onMove,
  onEdit,
  children,
}: FieldRowProps) {
  const s = strings.ruleBuilder;
  const [text, setText] = useState(choice?.selector ?? '');
  // A pick or a step on the ladder replaces what the reader is typing.
  useEffect(() => setText(choice?.selector ?? ''), [choice?.selector]);
  const view = caughtView(preview);
  const label = s.fields[field];
  return (
    <section
      class={`field${active ? ' field-active' : ''}`}
      data-testid={`field-${field}`}
      data-origin={choice?.origin}
      onFocusCapture={onFocus}
      onMouseEnter={onFocus}
    >
      <h3 class="field-label">
        {label}
        {optional && <span class="field-optional"> · {s.optional}</span>}
        {choice?.origin === 'generic' && <span class="field-origin"> · {s.fromGeneric}</span>}
      </h3>
      <p class="caught" data-testid={`caught-${field}`}>
        {view.summary}
      </p>
      {view.lines.length > 0 && (
        <blockquote class="caught-lines" data-testid={`lines-${field}`}>
          {view.lines.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </blockquote>
      )}
      {view.problem && <p class="note-error">{view.problem}</p>}
      {children}
      <input
        class="selector"
        data-testid={`selector-${field}`}
        aria-label={s.selectorLabel(label)}
        value={text}
        spellcheck={false}
        onInput={(event) => setText(event.currentTarget.value)}
        onChange={(event) => onEdit(event.currentTarget.value)}
      />
      <div class="field-actions">
        <button type="button" data-testid={`pick-${field}`} onClick={onPick} aria-pressed={picking}>
          {picking ? s.picking : s.pick}
        </button>
        <button
          type="button"
          data-testid={`narrower-${field}`}
          disabled={!canMove(choice, -1)}
          onClick={() => onMove(-1)}
        >
          {s.narrower}
        </button>
        <button type="button" data-testid={`wider-${field}`} disabled={!canMove(choice, 1)} onClick={() => onMove(1)}>
          {s.wider}
        </button>
      </div>
    </section>
  );
}
