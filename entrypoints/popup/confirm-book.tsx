import { useState } from 'preact/hooks';
import type { PageInfo, PageReading, TocChoice } from '../../lib/contract';
import { listFrom, reversed, shownEnds } from '../../lib/ui/confirm-book';
import { strings } from '../../lib/ui/strings';
import { isHttpUrl } from '../../lib/url';

export interface ConfirmBookProps {
  page: Extract<PageInfo, { kind: 'book' | 'toc' }>;
  reading: PageReading;
  choice: TocChoice;
  confirmed: boolean;
  /** A new choice; every choice the user makes confirms what is then shown. */
  onChoice: (choice: TocChoice) => void;
}

/** What the reader found on a page it doubts, why it doubts it, and the choices that fix it. */
export function ConfirmBook({ page, reading, choice, confirmed, onChoice }: ConfirmBookProps) {
  const [picked, setPicked] = useState(reading.tocUrl ?? '');
  const ends = shownEnds(reading, choice);
  const from = listFrom(page, choice);
  const pickedUrl = picked.trim();
  return (
    <section class="confirm" data-testid="confirm-book" aria-labelledby="confirm-heading">
      <h3 id="confirm-heading" class="confirm-heading">
        {strings.confirm.heading}
      </h3>
      <p class="confirm-intro">{strings.confirm.intro}</p>
      <p class="confirm-book" data-testid="confirm-summary">
        {strings.confirm.book(page.title, page.chapters)}
        {page.author && <span class="detected-author">{strings.byAuthor(page.author)}</span>}
      </p>
      {ends.first && (
        <p class="confirm-end" data-testid="confirm-first">
          {strings.confirm.first(ends.first)}
        </p>
      )}
      {ends.last && (
        <p class="confirm-end" data-testid="confirm-last">
          {strings.confirm.last(ends.last)}
        </p>
      )}
      {from && (
        <p class="confirm-end" data-testid="confirm-list-from">
          {strings.confirm.listFrom(from)}
        </p>
      )}
      <ul class="confirm-doubts" data-testid="confirm-doubts">
        {reading.doubts.map((doubt) => (
          <li key={doubt}>{strings.confirm.doubts[doubt]}</li>
        ))}
      </ul>
      <div class="confirm-actions">
        <button
          type="button"
          data-testid="confirm-looks-right"
          aria-pressed={confirmed}
          onClick={() => onChoice(choice)}
        >
          {strings.confirm.looksRight}
        </button>
        <button type="button" data-testid="confirm-reverse" onClick={() => onChoice(reversed(reading, choice))}>
          {strings.confirm.reverse}
        </button>
        {reading.tocUrl && (
          <button type="button" data-testid="confirm-this-page" onClick={() => onChoice({ ...choice, url: page.url })}>
            {strings.confirm.thisPage}
          </button>
        )}
      </div>
      <label class="field confirm-pick">
        <span class="field-label">{strings.confirm.pickLabel}</span>
        <span class="confirm-pick-row">
          <input
            type="url"
            class="url-input"
            data-testid="confirm-pick-url"
            value={picked}
            spellcheck={false}
            autoComplete="off"
            onInput={(e) => setPicked(e.currentTarget.value)}
          />
          <button
            type="button"
            data-testid="confirm-pick"
            disabled={!isHttpUrl(pickedUrl)}
            onClick={() => onChoice({ ...choice, url: pickedUrl })}
          >
            {strings.confirm.pickButton}
          </button>
        </span>
      </label>
      {confirmed && (
        <p class="confirm-done" data-testid="confirm-done" role="status">
          {strings.confirm.confirmed}
        </p>
      )}
    </section>
  );
}
