import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { LibraryBook, LibraryPortMessage, Settings } from '../../lib/contract';
import { errorMessage } from '../../lib/ui/format-task';
import { applyLibraryMessage } from '../../lib/ui/library';
import { throttle } from '../../lib/ui/options/throttle';

/** Task changes come many times a second during an update; the totals are fetched again at most once a second. */
const REFRESH_THROTTLE_MS = 1_000;

export interface LibraryState {
  books: LibraryBook[] | null;
  storedBytes: number;
  settings: Settings | null;
  error: string | null;
  refresh: () => Promise<void>;
}

/** The library as the worker lists it, kept live by its port messages and task changes. */
export function useLibrary(
  call: Client,
  watchTasks: (onChange: () => void) => () => void,
  watchLibrary: (onMessage: (message: LibraryPortMessage) => void) => () => void,
): LibraryState {
  const [books, setBooks] = useState<LibraryBook[] | null>(null);
  const [storedBytes, setStoredBytes] = useState(0);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const [list, current] = await Promise.all([call({ type: 'library.list' }), call({ type: 'settings.get' })]);
      setBooks(list.books);
      setStoredBytes(list.storedBytes);
      setSettings(current.settings);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [call]);

  useEffect(() => {
    const later = throttle(() => void refresh(), REFRESH_THROTTLE_MS);
    const unwatchTasks = watchTasks(later);
    const unwatchLibrary = watchLibrary((message) => {
      setBooks((current) => (current ? applyLibraryMessage(current, message) : current));
      later();
    });
    void refresh();
    return () => {
      later.cancel();
      unwatchTasks();
      unwatchLibrary();
    };
  }, [refresh, watchTasks, watchLibrary]);

  return { books, storedBytes, settings, error, refresh };
}
