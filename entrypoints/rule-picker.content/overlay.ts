// What the picker draws over the page: the rule builder's panel (an extension page in an
// iframe), outlines of what a selector catches, the element under the pointer while picking and
// a line saying what to click. All of it lives in a closed shadow root, so the page's CSS does
// not reach it and the page's scripts cannot read or change it; page text is only ever set as text.

import { domAt } from '../../lib/rule-builder/element-path';
import type { ElementPath } from '../../lib/contract';

const STYLE = `
:host { all: initial; }
.panel { position: fixed; top: 0; right: 0; width: min(420px, 100vw); height: 100vh; border: 0; margin: 0;
  pointer-events: auto; background: Canvas; box-shadow: -2px 0 12px rgba(0, 0, 0, 0.35); color-scheme: light dark; }
.outline { position: fixed; box-sizing: border-box; border: 2px solid #1a73e8; background: rgba(26, 115, 232, 0.12); pointer-events: none; }
.hover { position: fixed; box-sizing: border-box; border: 2px dashed #e8710a; background: rgba(232, 113, 10, 0.15); pointer-events: none; }
.prompt { position: fixed; top: 8px; left: 8px; max-width: calc(100vw - 460px); padding: 8px 12px; border-radius: 6px;
  font: 14px/1.4 system-ui, sans-serif; color: #fff; background: #202124; pointer-events: none; }
[hidden] { display: none; }
`;

// The host's own style, against a page that styles every element (`* { display: none }`).
const HOST_STYLE =
  'all: initial !important; display: block !important; position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; pointer-events: none !important;';
const MAX_OUTLINES = 500;

export interface Overlay {
  host: HTMLElement;
  /** Outlines the elements at these paths, following them as the page scrolls. */
  outline(paths: ElementPath[]): void;
  hover(element: Element | null): void;
  prompt(text: string | null): void;
  remove(): void;
}

function place(box: HTMLElement, element: Element | undefined): void {
  const rect = element?.getBoundingClientRect();
  box.hidden = !rect || (rect.width === 0 && rect.height === 0);
  if (!rect) return;
  box.style.left = `${rect.left}px`;
  box.style.top = `${rect.top}px`;
  box.style.width = `${rect.width}px`;
  box.style.height = `${rect.height}px`;
}

export function createOverlay(panelUrl: string, panelTitle: string): Overlay {
  const host = document.createElement('nd-rule-builder');
  host.setAttribute('style', HOST_STYLE);
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const layer = document.createElement('div');
  const hoverBox = document.createElement('div');
  hoverBox.className = 'hover';
  hoverBox.hidden = true;
  const promptLine = document.createElement('div');
  promptLine.className = 'prompt';
  promptLine.hidden = true;
  const frame = document.createElement('iframe');
  frame.className = 'panel';
  frame.title = panelTitle;
  frame.src = panelUrl;
  root.append(style, layer, hoverBox, promptLine, frame);
  document.documentElement.append(host);

  let outlined: Element[] = [];
  let hovered: Element | null = null;
  let frameRequest = 0;
  const redraw = () => {
    frameRequest = 0;
    outlined.forEach((element, i) => place(layer.children[i] as HTMLElement, element));
    if (hovered) place(hoverBox, hovered);
  };
  const schedule = () => {
    frameRequest ||= requestAnimationFrame(redraw);
  };
  window.addEventListener('scroll', schedule, { capture: true, passive: true });
  window.addEventListener('resize', schedule, { passive: true });

  return {
    host,
    outline(paths) {
      outlined = paths.slice(0, MAX_OUTLINES).flatMap((path) => domAt(document.documentElement, path) ?? []);
      layer.replaceChildren(
        ...outlined.map(() => Object.assign(document.createElement('div'), { className: 'outline' })),
      );
      redraw();
    },
    hover(element) {
      hovered = element;
      hoverBox.hidden = !element;
      if (element) place(hoverBox, element);
    },
    prompt(text) {
      promptLine.hidden = text === null;
      promptLine.textContent = text ?? '';
    },
    remove() {
      window.removeEventListener('scroll', schedule, { capture: true });
      window.removeEventListener('resize', schedule);
      if (frameRequest) cancelAnimationFrame(frameRequest);
      host.remove();
    },
  };
}
