// A field's current selector and the ladder it came from, so "wider" and "narrower" can move
// along the choices a click (or the generic reader's finding) gave.

import type { Element } from 'domhandler';
import type { Page } from '../rule-reader/read';
import { elementText } from '../text/paragraphs';
import { FIELD_KIND, fieldSelector, type RuleField } from './fields';
import { generalise, type Ladder } from './generalise';

export interface FieldChoice {
  /** The selector text the rule gets. */
  selector: string;
  /** Where it came from: the generic reader's finding, a click, or the reader's own typing. */
  origin: 'generic' | 'picked' | 'edited';
  /** The choices of the last click or finding, narrow to wide, and which one is taken. */
  ladder?: Ladder;
  step?: number;
}

function selectorAt(page: Page, field: RuleField, ladder: Ladder, step: number): string {
  const css = ladder.choices[step]!.css;
  const first = page.$(css).get(0);
  return fieldSelector(field, css, first ? elementText(page.$, first) : '');
}

/** What a click on `element` (or a finding of the generic reader) proposes for a field. */
export function choiceFor(
  page: Page,
  field: RuleField,
  element: Element,
  origin: FieldChoice['origin'],
): FieldChoice | undefined {
  const ladder = generalise(page.$, element, FIELD_KIND[field]);
  if (!ladder) return undefined;
  return { selector: selectorAt(page, field, ladder, ladder.proposed), origin, ladder, step: ladder.proposed };
}

/** One step wider (+1) or narrower (-1) on the field's ladder; the same choice at either end. */
export function moveChoice(page: Page, field: RuleField, choice: FieldChoice, by: 1 | -1): FieldChoice {
  if (!choice.ladder || choice.step === undefined) return choice;
  const step = Math.min(choice.ladder.choices.length - 1, Math.max(0, choice.step + by));
  if (step === choice.step) return choice;
  return { ...choice, selector: selectorAt(page, field, choice.ladder, step), step };
}

export function canMove(choice: FieldChoice | undefined, by: 1 | -1): boolean {
  if (!choice?.ladder || choice.step === undefined) return false;
  const step = choice.step + by;
  return step >= 0 && step < choice.ladder.choices.length;
}
