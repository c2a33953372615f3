import { useEffect, useRef, useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import { FORMATS, type BookFormat, type PageInfo, type Task } from '../../lib/contract';
import { errorMessage } from '../../lib/ui/formatTask';
import type { StartUrl } from '../../lib/ui/startUrl';
import { strings } from '../../lib/ui/strings';

export interface StartFormProps {
  call: Client;
  detectStartUrl: () => Promise<StartUrl>;
  detectBook?: () => Promise<PageInfo | null>;
  onStarted: (task: Task) => void;
}

const FORMAT_LABELS: Record<BookFormat, string> = { epub: strings.formatEpub, txt: strings.formatTxt };

const withoutHash = (url: string) => url.trim().split('#')[0];

export function StartForm({ call, detectStartUrl, detectBook, onStarted }: StartFormProps) {
  const [url, setUrl] = useState('');
  const [source, setSource] = useState<StartUrl['source']>('manual');
  const [format, setFormat] = useState<BookFormat>('epub');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [detected, setDetected] = useState<PageInfo | null>(null);
  // What the user typed or picked wins over answers that arrive later.
  const urlTouched = useRef(false);
  const formatTouched = useRef(false);

  useEffect(() => {
    let live = true;
    detectStartUrl().then(
      (start) => {
        if (!live || urlTouched.current) return;
        setUrl(start.url);
        setSource(start.source);
      },
      () => undefined, // nothing detected: the user pastes a URL
    );
    detectBook?.().then(
      (page) => {
        if (live) setDetected(page);
      },
      () => undefined, // no answer: the popup offers the bare address
    );
    call({ type: 'settings.get' }).then(
      ({ settings }) => {
        if (!live || formatTouched.current) return;
        if ((FORMATS as readonly string[]).includes(settings.defaultFormat)) setFormat(settings.defaultFormat);
      },
      (e: unknown) => {
        if (live) setError(errorMessage(e));
      },
    );
    return () => {
      live = false;
    };
  }, [call, detectStartUrl, detectBook]);

  async function submit(event: Event) {
    event.preventDefault();
    const target = url.trim();
    if (busy || !target) return;
    setBusy(true);
    setError(null);
    try {
      const { task } = await call({ type: 'task.start', url: target, format });
      onStarted(task);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const fromTab = source === 'tab';
  // Offered by name only while the address is still the detected page's.
  const book = fromTab && detected && detected.kind !== 'none' && withoutHash(detected.url) === withoutHash(url) ? detected : null;
  return (
    <form class="start" noValidate onSubmit={submit} data-testid="start-form" aria-labelledby="start-heading">
      <h2 id="start-heading" class="section-title">
        {book ? strings.detectedHeading : fromTab ? strings.startHeading : strings.startHeadingManual}
      </h2>
      {book && (
        <p class="detected" data-testid="detected-book" title={book.author ? strings.byAuthor(book.author) : undefined}>
          {strings.detectedOffer(book.title, book.chapters)}
          {book.kind === 'toc' && <span class="detected-note">{strings.detectedGeneric}</span>}
        </p>
      )}
      <label class="field">
        <span class="field-label">{fromTab ? strings.urlLabelTab : strings.urlLabelManual}</span>
        <input
          type="url"
          inputMode="url"
          class="url-input"
          data-testid="start-url"
          value={url}
          placeholder={strings.urlPlaceholder}
          title={url}
          spellcheck={false}
          autoComplete="off"
          onInput={(e) => {
            urlTouched.current = true;
            setUrl(e.currentTarget.value);
          }}
        />
      </label>
      <div class="start-row">
        <label class="field field-inline">
          <span class="field-label">{strings.formatLabel}</span>
          <select
            data-testid="start-format"
            value={format}
            onChange={(e) => {
              formatTouched.current = true;
              setFormat(e.currentTarget.value as BookFormat);
            }}
          >
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="primary" data-testid="start-button" disabled={busy || !url.trim()} aria-busy={busy}>
          {busy ? strings.downloadingButton : strings.downloadButton}
        </button>
      </div>
      {error && (
        <p role="alert" class="alert" data-testid="start-error">
          {error}
        </p>
      )}
    </form>
  );
}
