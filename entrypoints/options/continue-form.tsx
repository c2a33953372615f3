import { useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import { stageHeld } from '../../lib/follow/continue-book';
import { Store } from '../../lib/store/store';
import { continueFromFile } from '../../lib/ui/continue-file';
import { errorMessage } from '../../lib/ui/format-task';
import { strings } from '../../lib/ui/strings';

/** "Open an EPUB…": continues a book from a file, downloading only the chapters it lacks. */
export function ContinueForm({ call }: { call: Client }) {
  const s = strings.library;
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function open(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    setStatus(s.continueReading(file.name));
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const stage = async (chapters: Parameters<typeof stageHeld>[1]) => {
        const store = await Store.open();
        try {
          return await stageHeld(store, chapters, Date.now());
        } finally {
          store.close();
        }
      };
      setStatus(await continueFromFile(bytes, file.name, { call, stage }));
    } catch (e) {
      setStatus(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      input.value = '';
    }
  }

  return (
    <div class="continue-form">
      <h3 class="subheading">{s.continueHeading}</h3>
      <p class="field-help">{s.continueHelp}</p>
      <label class="small-button file-button">
        {s.continueButton}
        <input
          type="file"
          accept=".epub,application/epub+zip"
          class="visually-hidden"
          data-testid="library-continue-file"
          disabled={busy}
          onChange={(event) => void open(event.currentTarget)}
        />
      </label>
      <span role="status" class="status-text" data-testid="library-continue-status">
        {status}
      </span>
      {error && (
        <p role="alert" class="alert" data-testid="library-continue-error">
          {error}
        </p>
      )}
    </div>
  );
}
