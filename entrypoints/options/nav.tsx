import { SECTIONS, adjacentSection, sectionFromHash, type Section } from '../../lib/ui/options/sections';
import { strings } from '../../lib/ui/strings';

export interface NavProps {
  current: Section;
}

/** Links to `#settings`, `#sources`, `#diagnostics`; Tab and Enter work, arrow keys move along. */
export function Nav({ current }: NavProps) {
  function onKeyDown(event: KeyboardEvent) {
    const step =
      event.key === 'ArrowDown' || event.key === 'ArrowRight'
        ? 1
        : event.key === 'ArrowUp' || event.key === 'ArrowLeft'
          ? -1
          : 0;
    if (!step) return;
    event.preventDefault();
    const focused = (event.target as HTMLElement).closest('a')?.getAttribute('href') ?? '';
    const next = adjacentSection(sectionFromHash(focused || current), step);
    location.hash = next;
    document.querySelector<HTMLAnchorElement>(`[data-testid="nav-${next}"]`)?.focus();
  }

  return (
    <nav class="nav" aria-label={strings.options.navLabel}>
      <ul class="nav-list" onKeyDown={onKeyDown}>
        {SECTIONS.map((section) => (
          <li key={section}>
            <a
              href={`#${section}`}
              class="nav-link"
              data-testid={`nav-${section}`}
              aria-current={section === current ? 'page' : undefined}
            >
              {strings.options.sections[section]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
