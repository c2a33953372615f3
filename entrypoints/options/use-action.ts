import { useState } from 'preact/hooks';
import { errorMessage } from '../../lib/ui/format-task';

/**
 * One action at a time on a row or a card (the options page's, the popup's wall cards): which one
 * is running (its name), and the sentence of the last one that failed. A second click while one
 * runs does nothing.
 */
export function useAction<Name extends string = 'action'>() {
  const [busy, setBusy] = useState<Name | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(name: Name, action: () => Promise<void>): Promise<void> {
    if (busy) return;
    setBusy(name);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  return { busy, error, run };
}
