// The two languages of the UI (public/_locales) say the same things with the same blanks, and
// every message is one the code asks for.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messagesOf } from './english';
import { placeholdersOf, translatorFrom, type MessagesFile } from '../../../lib/ui/i18n';
import { createStrings } from '../../../lib/ui/strings';

const ROOT = new URL('../../../', import.meta.url).pathname;
const LOCALES = readdirSync(join(ROOT, 'public/_locales')).sort();
const en = messagesOf('en');
const zh = messagesOf('zh_CN');

function declared(messages: MessagesFile, key: string): string[] {
  return Object.keys(messages[key]!.placeholders ?? {})
    .map((name) => name.toLowerCase())
    .sort();
}

/** Every .ts/.tsx file the extension is built from, and its manifest. */
function sourceText(): string {
  const files: string[] = [join(ROOT, 'wxt.config.ts')];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx|html)$/.test(name)) files.push(path);
    }
  };
  walk(join(ROOT, 'lib'));
  walk(join(ROOT, 'entrypoints'));
  return files.map((file) => readFileSync(file, 'utf8')).join('\n');
}

describe('locales', () => {
  it('are English (the default) and Simplified Chinese', () => {
    expect(LOCALES).toEqual(['en', 'zh_CN']);
  });

  it('have exactly the same message names', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('have names Chrome accepts, unique without regard to case', () => {
    const names = Object.keys(en);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_]+$/);
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
  });

  it.each(Object.keys(en))('%s: same placeholders in both, each declared and used', (key) => {
    for (const messages of [en, zh]) {
      const entry = messages[key]!;
      expect(entry.message.trim()).not.toBe('');
      expect(placeholdersOf(entry)).toEqual(declared(messages, key));
    }
    expect(placeholdersOf(zh[key]!)).toEqual(placeholdersOf(en[key]!));
    // The same blank takes the same substitution in both languages.
    const contents = (messages: MessagesFile) =>
      Object.fromEntries(
        Object.entries(messages[key]!.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
      );
    expect(contents(zh)).toEqual(contents(en));
  });

  it('are all asked for by the code, and nothing else is', () => {
    const code = sourceText();
    const unused = Object.keys(en).filter((key) => !code.includes(`'${key}'`) && !code.includes(`__MSG_${key}__`));
    expect(unused).toEqual([]);
  });

  it('fill every string of the UI in both languages, with no name left showing', () => {
    for (const messages of [en, zh]) {
      const t = translatorFrom(messages);
      const strings = createStrings((key, subs) => {
        const text = t(key, subs);
        expect(text, `${key} is missing`).not.toBe(key);
        return text;
      });
      expect(strings.detectedOffer('书', 12)).not.toMatch(/\$/);
    }
    const zhStrings = createStrings(translatorFrom(zh));
    expect(zhStrings.chapters(120, 500, 24)).toBe('120/500 章 · 24%');
    expect(zhStrings.detectedOffer('演示之书', 12)).toBe('下载《演示之书》（12 章）');
  });
});

describe('translatorFrom', () => {
  const t = translatorFrom({
    hi: { message: 'Hello $WHO$ $$ $2!', placeholders: { who: { content: '$1' } } },
    mixed: { message: '$B$ then $a$', placeholders: { A: { content: '$1' }, b: { content: '$2' } } },
  });

  it('fills placeholders like Chrome: by name in any case, $n, $$, and never twice', () => {
    expect(t('hi' as never, ['A$1B'])).toBe('Hello A$1B $ !');
    expect(t('mixed' as never, ['one', 'two'])).toBe('two then one');
    expect(t('nope' as never)).toBe('nope');
  });
});
