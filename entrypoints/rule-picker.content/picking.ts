// Picking an element on the page: while on, the pointer's element is outlined and the next click
// picks it instead of doing what the page would do. Only the user's own input counts: an event a
// page script made up (`element.click()`, `dispatchEvent`) has `isTrusted` false and is ignored.

// Every event of a click, so the page's own handlers (which may navigate on mousedown) never run.
const CLICK_EVENTS = [
  'pointerdown',
  'mousedown',
  'pointerup',
  'mouseup',
  'click',
  'auxclick',
  'dblclick',
  'contextmenu',
] as const;

export interface Picking {
  start(): void;
  stop(): void;
  readonly active: boolean;
}

export function createPicking(
  host: Element,
  handlers: { hover(element: Element | null): void; picked(element: Element): void; stopped(): void },
): Picking {
  let active = false;

  const target = (event: Event): Element | null => {
    const element = event.target;
    return element instanceof Element && element !== host ? element : null;
  };
  const move = (event: MouseEvent) => {
    if (event.isTrusted) handlers.hover(target(event));
  };
  const swallow = (event: Event) => {
    if (!event.isTrusted) return; // a script's event: neither picked nor stopped
    event.preventDefault();
    event.stopImmediatePropagation();
    const element = target(event);
    if (event.type !== 'click' || !element) return;
    stop();
    handlers.picked(element);
  };
  const key = (event: KeyboardEvent) => {
    if (!event.isTrusted || event.key !== 'Escape') return;
    event.preventDefault();
    event.stopImmediatePropagation();
    stop();
    handlers.stopped();
  };

  function start(): void {
    if (active) return;
    active = true;
    window.addEventListener('mousemove', move, true);
    for (const type of CLICK_EVENTS) window.addEventListener(type, swallow, true);
    window.addEventListener('keydown', key, true);
  }

  function stop(): void {
    if (!active) return;
    active = false;
    window.removeEventListener('mousemove', move, true);
    for (const type of CLICK_EVENTS) window.removeEventListener(type, swallow, true);
    window.removeEventListener('keydown', key, true);
    handlers.hover(null);
  }

  return {
    start,
    stop,
    get active() {
      return active;
    },
  };
}
