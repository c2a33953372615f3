import { useEffect, useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { LibraryPortMessage } from '../../lib/contract';
import { errorMessage } from '../../lib/ui/format-task';
import { bookToAskAbout, sortLibrary, storedTotal } from '../../lib/ui/library';
import { strings } from '../../lib/ui/strings';
import { ContinueForm } from './continue-form';
import { LibraryRow } from './library-row';
import { useLibrary } from './use-library';

export interface LibrarySectionProps {
  call: Client;
  watchTasks: (onChange: () => void) => () => void;
  watchLibrary: (onMessage: (message: LibraryPortMessage) => void) => () => void;
}

/** Every completed book: follow it, check it, update it, free its space; continue a book from a file. */
export function LibrarySection({ call, watchTasks, watchLibrary }: LibrarySectionProps) {
  const s = strings.library;
  const { books, storedBytes, settings, error } = useLibrary(call, watchTasks, watchLibrary);
  const [now, setNow] = useState(Date.now());
  const [checking, setChecking] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  async function checkAll() {
    setChecking(true);
    setActionError(null);
    try {
      await call({ type: 'library.check' });
    } catch (e) {
      setActionError(errorMessage(e));
    } finally {
      setChecking(false);
    }
  }

  const ask = books && bookToAskAbout(books);
  return (
    <section aria-labelledby="library-heading">
      <h2 id="library-heading" class="section-heading">
        {s.heading}
      </h2>
      <p class="intro">{s.intro}</p>
      {ask && (
        <div class="follow-prompt" data-testid="library-ask" role="group" aria-label={s.askFollow(ask.title)}>
          <span>{s.askFollow(ask.title)}</span>
          <button
            type="button"
            class="small-button primary"
            onClick={() => void call({ type: 'library.follow', bookId: ask.id, followed: true })}
          >
            {s.askYes}
          </button>
          <button
            type="button"
            class="small-button"
            onClick={() => void call({ type: 'library.follow', bookId: ask.id, followed: false })}
          >
            {s.askNo}
          </button>
        </div>
      )}
      {!books ? (
        !error && <p class="muted">{s.loading}</p>
      ) : books.length === 0 ? (
        <p class="muted" data-testid="library-empty">
          {s.empty}
        </p>
      ) : (
        <>
          <div class="form-actions">
            <button
              type="button"
              class="small-button"
              data-testid="library-check-all"
              disabled={checking}
              onClick={() => void checkAll()}
            >
              {checking ? s.checking : s.checkAllButton}
            </button>
            <span class="muted" data-testid="library-total">
              {storedTotal(storedBytes)}
            </span>
          </div>
          <ul class="library-list">
            {sortLibrary(books).map((book) => (
              <LibraryRow
                key={book.id}
                book={book}
                settings={settings ?? { checkUpdatesHours: 0 }}
                call={call}
                now={now}
              />
            ))}
          </ul>
        </>
      )}
      {(error || actionError) && (
        <p role="alert" class="alert" data-testid="library-error">
          {error ?? actionError}
        </p>
      )}
      <ContinueForm call={call} />
    </section>
  );
}
