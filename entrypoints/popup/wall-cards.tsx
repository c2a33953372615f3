import type { Task } from '../../lib/contract';
import { strings } from '../../lib/ui/strings';
import { wallCards, type WallCard } from '../../lib/ui/wall-cards';
import { useAction } from '../options/use-action';

export interface WallCardsProps {
  tasks: readonly Task[];
  /** Opens the page in a tab and brings it to the front. */
  openPage: (url: string) => Promise<void>;
  /** `task.resume`: the reader says they are past the wall. */
  resume: (taskId: string) => Promise<void>;
}

/** One card per site that waits for the reader, above everything else the popup shows. */
export function WallCards({ tasks, openPage, resume }: WallCardsProps) {
  const cards = wallCards(tasks, strings);
  if (cards.length === 0) return null;
  return (
    <section class="walls" data-testid="wall-cards">
      {cards.map((card) => (
        <WallCardView key={card.host} card={card} openPage={openPage} resume={resume} />
      ))}
    </section>
  );
}

function WallCardView({ card, openPage, resume }: { card: WallCard } & Omit<WallCardsProps, 'tasks'>) {
  const { busy, error, run } = useAction<'open' | 'resume'>();
  const until = new Date(card.until).toLocaleTimeString(strings.htmlLang, { hour: '2-digit', minute: '2-digit' });

  return (
    <div class={`wall-card wall-${card.kind}`} role="status" data-testid="wall-card" data-host={card.host}>
      <p class="wall-message" data-testid="wall-message">
        {card.message}
      </p>
      <p class="note note-info">{strings.wall.until(until)}</p>
      <div class="task-actions">
        <button
          type="button"
          class="task-button primary"
          data-testid="wall-open"
          disabled={busy !== null}
          onClick={() => void run('open', () => openPage(card.url))}
        >
          {strings.wall.openButton(card.host)}
        </button>
        <button
          type="button"
          class="task-button"
          data-testid="wall-resume"
          disabled={busy !== null}
          onClick={() => void run('resume', () => resume(card.taskIds[0]!))}
        >
          {strings.wall.resumeButton}
        </button>
      </div>
      {error && (
        <p class="note note-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
