import { useEffect, useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { LibraryBook, Task } from '../../lib/contract';
import { errorMessage } from '../../lib/ui/format-task';
import { bookToAskAbout } from '../../lib/ui/library';
import { strings } from '../../lib/ui/strings';

/** Asks once, for the newest finished book never asked about, whether to follow it; links the library. */
export function FollowPrompt({ call, tasks }: { call: Client; tasks: readonly Task[] }) {
  const s = strings.library;
  const [ask, setAsk] = useState<LibraryBook | undefined>();
  const [error, setError] = useState<string | null>(null);
  // Asked again whenever another download completes.
  const completed = tasks
    .filter((task) => task.status === 'completed')
    .map((task) => task.id)
    .join(',');
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    let live = true;
    call({ type: 'library.list' }).then(
      ({ books }) => live && setAsk(bookToAskAbout(books)),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [call, completed, asked]);

  async function answer(followed: boolean) {
    if (!ask) return;
    try {
      await call({ type: 'library.follow', bookId: ask.id, followed });
      setAsked((n) => n + 1);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <div class="follow-area">
      {ask && (
        <div class="follow-prompt" data-testid="follow-prompt" role="group" aria-label={s.askFollow(ask.title)}>
          <span>{s.askFollow(ask.title)}</span>
          <span class="follow-buttons">
            <button type="button" class="primary" data-testid="follow-yes" onClick={() => void answer(true)}>
              {s.askYes}
            </button>
            <button type="button" data-testid="follow-no" onClick={() => void answer(false)}>
              {s.askNo}
            </button>
          </span>
        </div>
      )}
      {error && (
        <p role="alert" class="note-error">
          {error}
        </p>
      )}
      <a href="options.html#library" target="_blank" class="library-link" data-testid="open-library">
        {s.heading}
      </a>
    </div>
  );
}
