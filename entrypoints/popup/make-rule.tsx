import { useState } from 'preact/hooks';
import { errorMessage } from '../../lib/ui/format-task';
import { strings } from '../../lib/ui/strings';

/** "Make a rule for this site": opens the rule builder over the page. */
export function MakeRule({ open }: { open: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function click() {
    setBusy(true);
    setError(null);
    try {
      await open();
    } catch (e) {
      setError(strings.makeRuleFailed(errorMessage(e)));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="make-rule">
      <button
        type="button"
        data-testid="make-rule"
        disabled={busy}
        onClick={() => void click()}
        title={strings.makeRuleHelp}
      >
        {strings.makeRuleButton}
      </button>
      {error && (
        <p class="note-error" role="alert" data-testid="make-rule-error">
          {error}
        </p>
      )}
    </section>
  );
}
