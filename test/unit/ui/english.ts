// Imported for its effect: the UI modules speak English, from the same messages file Chrome reads.
import { readFileSync } from 'node:fs';
import { translatorFrom, type MessagesFile } from '../../../lib/ui/i18n';
import { setTranslate } from '../../../lib/ui/strings';

export function messagesOf(locale: string): MessagesFile {
  return JSON.parse(
    readFileSync(new URL(`../../../public/_locales/${locale}/messages.json`, import.meta.url), 'utf8'),
  ) as MessagesFile;
}

setTranslate(translatorFrom(messagesOf('en')));
