import { useEffect, useRef, useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import { FORMATS, type BookFormat, type PageInfo, type Task, type TocChoice } from '../../lib/contract';
import { doubtfulReading, tocField } from '../../lib/ui/confirm-book';
import { errorMessage } from '../../lib/ui/format-task';
import { parseRange } from '../../lib/ui/range';
import type { StartUrl } from '../../lib/ui/start-url';
import { strings } from '../../lib/ui/strings';
import { withoutHash } from '../../lib/url';
import { ConfirmBook } from './confirm-book';

export interface StartFormProps {
  call: Client;
  detectStartUrl: () => Promise<StartUrl>;
  detectBook?: (url: string) => Promise<PageInfo | null>;
  onStarted: (task: Task) => void;
}

export function StartForm({ call, detectStartUrl, detectBook, onStarted }: StartFormProps) {
  const [url, setUrl] = useState('');
  const [source, setSource] = useState<StartUrl['source']>('manual');
  const [format, setFormat] = useState<BookFormat>('epub');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [badField, setBadField] = useState<'from' | 'to' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [detected, setDetected] = useState<PageInfo | null>(null);
  // What the user chose about a page the reader doubts; nothing downloads before they choose.
  const [choice, setChoice] = useState<TocChoice>({});
  const [confirmed, setConfirmed] = useState(false);
  // What the user typed or picked wins over answers that arrive later.
  const urlTouched = useRef(false);
  const formatTouched = useRef(false);
  const fromRef = useRef<HTMLInputElement>(null);
  const toRef = useRef<HTMLInputElement>(null);
  const formatLabels: Record<BookFormat, string> = { epub: strings.formatEpub, txt: strings.formatTxt };

  useEffect(() => {
    let live = true;
    detectStartUrl().then(
      (start) => {
        if (!live || urlTouched.current) return;
        setUrl(start.url);
        setSource(start.source);
        if (start.url && detectBook) {
          detectBook(start.url).then(
            (page) => live && setDetected(page),
            () => undefined, // no answer: the popup offers the bare address
          );
        }
      },
      () => undefined, // nothing detected: the user pastes a URL
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

  // Offered by name only while the address is still the detected page's.
  const book =
    detected && detected.kind !== 'none' && withoutHash(detected.url) === withoutHash(url.trim()) ? detected : null;
  const chapters = book?.chapters ?? 0;
  const doubtful = doubtfulReading(book);

  async function submit(event: Event) {
    event.preventDefault();
    const target = url.trim();
    if (busy || !target) return;
    setError(null);
    setBadField(null);
    if (doubtful && !confirmed) {
      setError(strings.confirm.needed);
      return;
    }
    const parsed = parseRange(from, to, chapters);
    if (!parsed.ok) {
      setError(parsed.message);
      setBadField(parsed.field);
      (parsed.field === 'from' ? fromRef : toRef).current?.focus();
      return;
    }
    setBusy(true);
    try {
      const toc = doubtful ? tocField(choice) : undefined;
      const { task } = await call({
        type: 'task.start',
        url: target,
        format,
        ...(parsed.range ? { range: parsed.range } : {}),
        ...(toc ? { toc } : {}),
      });
      onStarted(task);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const rangeInput = (which: 'from' | 'to') => (
    <input
      ref={which === 'from' ? fromRef : toRef}
      type="text"
      inputMode="numeric"
      class="range-input"
      data-testid={`start-${which}`}
      value={which === 'from' ? from : to}
      placeholder={which === 'from' ? '1' : chapters > 0 ? String(chapters) : strings.rangeLast}
      aria-label={which === 'from' ? strings.rangeFrom : strings.rangeTo}
      aria-describedby="range-help"
      aria-invalid={badField === which}
      autoComplete="off"
      onInput={(e) => {
        (which === 'from' ? setFrom : setTo)(e.currentTarget.value);
        if (badField === which) setBadField(null);
      }}
    />
  );

  const fromTab = source === 'tab';
  return (
    <form class="start" noValidate onSubmit={submit} data-testid="start-form" aria-labelledby="start-heading">
      <h2 id="start-heading" class="section-title">
        {book ? strings.detectedHeading : fromTab ? strings.startHeading : strings.startHeadingManual}
      </h2>
      {book && (
        <div class="book-card">
          <p class="detected" data-testid="detected-book">
            {strings.detectedOffer(book.title, book.chapters)}
            {book.author && (
              <span class="detected-author" data-testid="detected-author">
                {strings.byAuthor(book.author)}
              </span>
            )}
            {book.kind === 'toc' && <span class="detected-note">{strings.detectedGeneric}</span>}
          </p>
        </div>
      )}
      {book && doubtful && (
        <ConfirmBook
          page={book}
          reading={doubtful}
          choice={choice}
          confirmed={confirmed}
          onChoice={(next) => {
            setChoice(next);
            setConfirmed(true);
            setError(null);
          }}
        />
      )}
      <label class="field">
        <span class="field-label">{fromTab || book ? strings.urlLabelTab : strings.urlLabelManual}</span>
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
                {formatLabels[f]}
              </option>
            ))}
          </select>
        </label>
        <div class="field field-inline range" role="group" aria-labelledby="range-label">
          <span class="field-label" id="range-label">
            {strings.rangeLabel}
          </span>
          {rangeInput('from')}
          <span aria-hidden="true">–</span>
          {rangeInput('to')}
          {chapters > 0 && <span class="range-of">{strings.rangeOf(chapters)}</span>}
          <span id="range-help" class="visually-hidden">
            {strings.rangeHelp}
          </span>
        </div>
      </div>
      <button
        type="submit"
        class="primary start-button"
        data-testid="start-button"
        disabled={busy || !url.trim() || (doubtful !== undefined && !confirmed)}
        aria-busy={busy}
      >
        {busy ? strings.downloadingButton : strings.downloadButton}
      </button>
      {doubtful && !confirmed && (
        <p class="notice" data-testid="confirm-needed">
          {strings.confirm.needed}
        </p>
      )}
      {error && (
        <p role="alert" class="alert" data-testid="start-error">
          {error}
        </p>
      )}
    </form>
  );
}
