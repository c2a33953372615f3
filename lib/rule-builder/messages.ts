// The port between the picker (in the web page's process) and the panel carries data only, and
// each side checks what arrives before acting on it: a renderer the page has taken over could
// send anything on it.

import type { PanelMessage, PickerMessage } from '../contract';
import { isElementPath, MAX_SNAPSHOT } from './element-path';
import { isRuleField } from './fields';

const MAX_TEXT = 1_000;
const MAX_OUTLINED = 500;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isUrl = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 8_192 && /^https?:\/\//i.test(value) && URL.canParse(value);
const isMarkup = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_SNAPSHOT;

/** A message from the picker, or undefined when it is not one the panel knows. */
export function readPickerMessage(value: unknown): PickerMessage | undefined {
  if (!isObject(value)) return undefined;
  switch (value.type) {
    case 'snapshot':
      return isUrl(value.url) && isMarkup(value.html)
        ? { type: 'snapshot', url: value.url, html: value.html }
        : undefined;
    case 'snapshot.tooLarge':
      return isUrl(value.url) && Number.isInteger(value.size)
        ? { type: 'snapshot.tooLarge', url: value.url, size: value.size as number }
        : undefined;
    case 'picked':
      return isRuleField(value.field) &&
        isElementPath(value.path) &&
        typeof value.tag === 'string' &&
        value.tag.length <= 64 &&
        isUrl(value.url) &&
        isMarkup(value.html)
        ? { type: 'picked', field: value.field, path: value.path, tag: value.tag, url: value.url, html: value.html }
        : undefined;
    case 'pick.stopped':
      return { type: 'pick.stopped' };
    default:
      return undefined;
  }
}

/** A message from the panel, or undefined when it is not one the picker knows. */
export function readPanelMessage(value: unknown): PanelMessage | undefined {
  if (!isObject(value)) return undefined;
  switch (value.type) {
    case 'pick':
      return isRuleField(value.field) && typeof value.prompt === 'string'
        ? { type: 'pick', field: value.field, prompt: value.prompt.slice(0, MAX_TEXT) }
        : undefined;
    case 'pick.stop':
    case 'close':
      return { type: value.type };
    case 'outline':
      return Array.isArray(value.paths)
        ? { type: 'outline', paths: value.paths.slice(0, MAX_OUTLINED).filter(isElementPath) }
        : undefined;
    default:
      return undefined;
  }
}
