import { useEffect, useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { LibraryBook, Settings } from '../../lib/contract';
import { errorMessage } from '../../lib/ui/format-task';
import { libraryRow } from '../../lib/ui/library';
import { strings } from '../../lib/ui/strings';

export interface LibraryRowProps {
  book: LibraryBook;
  settings: Pick<Settings, 'checkUpdatesHours'>;
  call: Client;
  now: number;
}

/** One book of the library: what it holds, what the last check found, and what can be done with it. */
export function LibraryRow({ book, settings, call, now }: LibraryRowProps) {
  const s = strings.library;
  const row = libraryRow(book, now, settings);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The switch shows the reader's choice at once; the worker's answer (or refusal) settles it.
  const [followed, setFollowed] = useState(book.followed);
  useEffect(() => setFollowed(book.followed), [book.followed]);

  async function act(work: () => Promise<unknown>) {
    setPending(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  }

  const follow = (next: boolean) => {
    setFollowed(next);
    void act(async () => {
      try {
        await call({ type: 'library.follow', bookId: book.id, followed: next });
      } catch (e) {
        setFollowed(!next);
        throw e;
      }
    });
  };
  const free = () => {
    if (!confirm(s.freeConfirm(book.title))) return;
    void act(() => call({ type: 'library.free', bookId: book.id }));
  };
  const switchId = `follow-${book.id}`;
  return (
    <li class="library-row" data-testid="library-row" data-book-id={book.id}>
      <div class="library-main">
        <strong class="library-title">{row.title}</strong>
        <span class="muted"> {row.byline}</span>
        <div class="library-facts">
          <span data-testid="library-chapters">{row.chapters}</span>
          <span data-testid="library-checked">{row.checked}</span>
          {row.news && (
            <span
              data-testid="library-news"
              class={row.newsKind === 'failed' ? 'note-error' : row.newsKind === 'new' ? 'note-warning' : undefined}
            >
              {row.news}
            </span>
          )}
        </div>
        {row.removed && <div class="muted">{row.removed}</div>}
        <div class="muted" data-testid="library-file">
          {row.file}
        </div>
        <div class="muted" data-testid="library-storage">
          {row.freed ?? row.storage}
        </div>
        {error && (
          <p role="alert" class="alert">
            {error}
          </p>
        )}
      </div>
      <div class="library-actions">
        <label class="checkbox" for={switchId}>
          <input
            type="checkbox"
            role="switch"
            id={switchId}
            data-testid="library-follow"
            checked={followed}
            disabled={pending}
            onChange={(event) => follow(event.currentTarget.checked)}
          />
          <span>{s.follow}</span>
        </label>
        <span class="field-help">{row.followHelp}</span>
        <button
          type="button"
          class="small-button"
          data-testid="library-check"
          disabled={pending || !row.canCheck}
          onClick={() => void act(() => call({ type: 'library.check', bookId: book.id }))}
        >
          {row.busy === 'checking' ? s.checking : s.checkButton}
        </button>
        <button
          type="button"
          class="small-button primary"
          data-testid="library-update"
          disabled={pending || !row.canUpdate}
          onClick={() => void act(() => call({ type: 'library.update', bookId: book.id }))}
        >
          {row.busy === 'updating' ? s.updating : s.updateButton}
        </button>
        <button
          type="button"
          class="small-button"
          data-testid="library-free"
          disabled={pending || !row.canFree}
          onClick={free}
        >
          {s.freeButton}
        </button>
      </div>
    </li>
  );
}
