import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { Diagnostics } from '../../lib/contract';
import { errorMessage } from '../../lib/ui/format-task';
import { throttle } from '../../lib/ui/options/throttle';

export const REFRESH_MS = 2_000;
/** Task changes arrive many times a second during a download; one re-fetch per second is enough. */
const PUSH_THROTTLE_MS = 1_000;

export interface DiagnosticsState {
  data: Diagnostics | null;
  error: string | null;
  refresh: () => Promise<void>;
}

/**
 * The worker's `diagnostics` answer, re-fetched every 2 s while the page is visible and soon
 * after every task change the `tasks` port pushes. Answers that arrive out of order are dropped.
 */
export function useDiagnostics(call: Client, watchTasks: (onChange: () => void) => () => void): DiagnosticsState {
  const [data, setData] = useState<Diagnostics | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const shown = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const answer = await call({ type: 'diagnostics' });
      if (mine < shown.current) return;
      shown.current = mine;
      setData(answer);
      setError(null);
    } catch (e) {
      if (mine >= shown.current) setError(errorMessage(e));
    }
  }, [call]);

  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | null = null;
    const start = () => {
      if (timer === null) timer = setInterval(() => void refresh(), REFRESH_MS);
    };
    const stop = () => {
      if (timer !== null) clearInterval(timer);
      timer = null;
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        void refresh();
        start();
      } else stop();
    };
    const pushed = throttle(() => void refresh(), PUSH_THROTTLE_MS);
    const unwatch = watchTasks(pushed);
    document.addEventListener('visibilitychange', onVisibility);
    void refresh();
    if (document.visibilityState === 'visible') start();
    return () => {
      stop();
      pushed.cancel();
      unwatch();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [refresh, watchTasks]);

  return { data, error, refresh };
}
