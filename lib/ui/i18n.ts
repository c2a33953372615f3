// The UI's words come from Chrome's `_locales` (public/_locales/<lang>/messages.json), looked
// up by the browser's language. No browser.* here: pages hand in `browser.i18n.getMessage`, tests
// hand in a messages file, and both become a `Translate`.
import type englishMessages from '../../public/_locales/en/messages.json';

/** Every message name: a name missing from the English file fails the type check where it is used. */
export type MessageKey = keyof typeof englishMessages;

/** A message with its `$1`…`$9` substitutions filled in. */
export type Translate = (key: MessageKey, substitutions?: readonly (string | number)[]) => string;

/** One entry of a messages.json file, as Chrome reads it. */
export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type MessagesFile = Record<string, MessageEntry>;

/** Before a page installs its translator: the bare key, so a forgotten install shows, not crashes. */
export const keyTranslate: Translate = (key) => key;

/**
 * `browser.i18n.getMessage` as a Translate. The browser answers '' for a name it does not know; the
 * name itself is shown then, so a missing message is visible instead of a blank button.
 */
export function browserTranslate(getMessage: (key: MessageKey, substitutions?: string[]) => string): Translate {
  return (key, substitutions) => getMessage(key, substitutions?.map(String)) || key;
}

/**
 * A messages file as a Translate, with Chrome's rules: `$NAME$` is the named placeholder's
 * content (names are case-insensitive), `$1`…`$9` are the substitutions, `$$` is a dollar sign.
 * Used where there is no browser (unit tests, scripts).
 */
export function translatorFrom(messages: MessagesFile): Translate {
  const byName = new Map(Object.entries(messages).map(([name, entry]) => [name.toLowerCase(), entry]));
  return (key, substitutions = []) => {
    const entry = byName.get(key.toLowerCase());
    if (!entry) return key;
    const placeholders = new Map(
      Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
    );
    const subs = substitutions.map(String);
    const fill = (text: string) =>
      text.replace(/\$(\$|[1-9])/g, (_, what: string) => (what === '$' ? '$' : (subs[Number(what) - 1] ?? '')));
    // One pass, so a substitution is never read as a placeholder or a `$n` again.
    return entry.message.replace(
      /\$([a-zA-Z0-9_@]+)\$|\$(\$|[1-9])/g,
      (whole, name: string | undefined, what: string | undefined) => {
        if (name !== undefined) {
          const content = placeholders.get(name.toLowerCase());
          return content === undefined ? whole : fill(content);
        }
        return what === '$' ? '$' : (subs[Number(what) - 1] ?? '');
      },
    );
  };
}

/** The `$NAME$` placeholders a message uses, lower-cased and sorted: both languages must use the same. */
export function placeholdersOf(entry: MessageEntry): string[] {
  const used = [...entry.message.matchAll(/\$([a-zA-Z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase());
  return [...new Set(used)].sort();
}
