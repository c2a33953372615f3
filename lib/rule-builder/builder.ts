// The rule builder's state as pure functions, so the panel only renders and wires: the session
// (what survives the tab going from the book page to a chapter and back), the page on view
// with its stage, and each field's choice with the ladder it came from.

import type { Element } from 'domhandler';
import type { ElementPath } from '../contract';
import { loadPage, readElements, type Page } from '../rule-reader/read';
import { selectorProblem } from '../source-rules/schema';
import { withoutHash } from '../url';
import type { FieldSelectors } from './assemble-rule';
import { isElement } from './css-names';
import { nodeAt } from './element-path';
import { choiceFor, moveChoice, type FieldChoice } from './field-choice';
import { BOOK_FIELDS, CHAPTER_FIELDS, fieldStage, type RuleField } from './fields';
import { proposeBookFields, proposeChapterFields } from './propose';
import { preview } from './preview';

/** What the panel keeps for a tab while the reader moves between the book and its chapters. */
export interface BuilderSession {
  /** The book page the rule is made on. */
  bookUrl: string;
  selectors: FieldSelectors;
  origins: Partial<Record<RuleField, FieldChoice['origin']>>;
  newestFirst: boolean;
  /** The reader set the order: the list's own numbers no longer change it. */
  orderChosen: boolean;
}

export type Stage = 'book' | 'chapter';

export interface BuilderState {
  session: BuilderSession;
  url: string;
  page: Page;
  stage: Stage;
  /** The current page's choice for each field of its stage. */
  choices: Partial<Record<RuleField, FieldChoice>>;
}

/** Where a tab's session is kept (`storage.session`), read by the panel and by the worker that brings the picker back after each page load. */
export function sessionKey(tabId: number): string {
  return `ruleBuilder.${tabId}`;
}

export function newSession(bookUrl: string): BuilderSession {
  return { bookUrl, selectors: {}, origins: {}, newestFirst: false, orderChosen: false };
}

/** A stored session, checked: storage is ours, but a session from an older version may lack fields. */
export function isSession(value: unknown): value is BuilderSession {
  const s = value as BuilderSession | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.bookUrl === 'string' &&
    typeof s.selectors === 'object' &&
    s.selectors !== null
  );
}

const sameSite = (a: string, b: string) => new URL(a).host === new URL(b).host;

export function stageFields(stage: Stage): readonly RuleField[] {
  return stage === 'book' ? BOOK_FIELDS : CHAPTER_FIELDS;
}

/** A field's selector kept from before, with the ladder of the first element it matches here. */
function kept(page: Page, field: RuleField, selector: string, origin: FieldChoice['origin']): FieldChoice {
  const first = selectorProblem(selector) ? undefined : readElements(page, selector).find(isElement);
  const fromHere = first && choiceFor(page, field, first, origin);
  return fromHere && fromHere.selector === selector ? fromHere : { selector, origin };
}

/**
 * The page the picker sent: the book page (the session's, or any page of another site, which
 * starts a new session) or a chapter page of the book. Fields not chosen yet get the generic
 * reader's proposal.
 */
export function openPage(stored: BuilderSession | undefined, url: string, html: string): BuilderState {
  const session = stored && sameSite(stored.bookUrl, url) ? stored : newSession(url);
  const page = loadPage(html, url);
  const stage: Stage = withoutHash(url) === withoutHash(session.bookUrl) ? 'book' : 'chapter';
  const proposals = stage === 'book' ? proposeBookFields(page, url) : proposeChapterFields(page, url);
  const choices: BuilderState['choices'] = {};
  for (const field of stageFields(stage)) {
    const selector = session.selectors[field];
    const choice = selector ? kept(page, field, selector, session.origins[field] ?? 'edited') : proposals[field];
    if (choice) choices[field] = choice;
  }
  return withChoices({ session, url, page, stage, choices }, choices);
}

/** The state with these choices, written into the session too (so they survive the next page). */
function withChoices(state: BuilderState, choices: BuilderState['choices']): BuilderState {
  const selectors = { ...state.session.selectors };
  const origins = { ...state.session.origins };
  for (const field of stageFields(state.stage)) {
    const choice = choices[field];
    if (choice) {
      selectors[field] = choice.selector;
      origins[field] = choice.origin;
    } else {
      delete selectors[field];
      delete origins[field];
    }
  }
  let { newestFirst } = state.session;
  if (state.stage === 'book' && !state.session.orderChosen && selectors.chapters) {
    const caught = preview(state.page, state.url, 'chapters', selectors.chapters).caught;
    newestFirst = caught?.field === 'chapters' && caught.countsDown;
  }
  return { ...state, choices, session: { ...state.session, selectors, origins, newestFirst } };
}

export type PickResult = { state: BuilderState } | { missed: 'nothing' | 'changed' };

/** A click the reader made on the page, at `path`, on an element with tag `tag`, the page being `html` then. */
export function pick(
  state: BuilderState,
  field: RuleField,
  url: string,
  html: string,
  path: ElementPath,
  tag: string,
): PickResult {
  if (fieldStage(field) !== state.stage || withoutHash(url) !== withoutHash(state.url)) return { missed: 'changed' };
  const page = loadPage(html, url);
  const html_ = page.$('html').get(0);
  const element = isElement(html_) ? nodeAt(html_ as Element, path) : undefined;
  if (!element || element.name !== tag.toLowerCase()) return { missed: 'changed' };
  const choice = choiceFor(page, field, element, 'picked');
  if (!choice) return { missed: 'nothing' };
  return { state: withChoices({ ...state, page }, { ...state.choices, [field]: choice }) };
}

/** The reader typed a selector (empty: the field is left out). */
export function edit(state: BuilderState, field: RuleField, selector: string): BuilderState {
  const text = selector.trim();
  const choices = { ...state.choices };
  if (text) choices[field] = { selector: text, origin: 'edited' };
  else delete choices[field];
  return withChoices(state, choices);
}

/** One step wider (+1) or narrower (-1) on the field's ladder. */
export function move(state: BuilderState, field: RuleField, by: 1 | -1): BuilderState {
  const choice = state.choices[field];
  if (!choice) return state;
  return withChoices(state, { ...state.choices, [field]: moveChoice(state.page, field, choice, by) });
}

/** The reader says which way the list runs. */
export function setNewestFirst(state: BuilderState, newestFirst: boolean): BuilderState {
  return { ...state, session: { ...state.session, newestFirst, orderChosen: true } };
}

/** What every field of this page catches now. */
export function previews(state: BuilderState) {
  return Object.fromEntries(
    stageFields(state.stage).flatMap((field) => {
      const choice = state.choices[field];
      return choice ? [[field, preview(state.page, state.url, field, choice.selector, state.session.newestFirst)]] : [];
    }),
  ) as Partial<Record<RuleField, ReturnType<typeof preview>>>;
}
