import { describe, expect, it } from 'vitest';
import { REQUEST_TYPES } from '../../lib/contract';
import { senderRefusal, type SenderFacts } from '../../lib/sender-policy';

const chrome = {
  id: 'abcdefghijklmnopabcdefghijklmnop',
  origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/',
};
const firefox = { id: 'novel@example', origin: 'moz-extension://1b2c3d4e-0000-4000-8000-123456789abc/' };

const popup = (self: typeof chrome): SenderFacts => ({ id: self.id, url: `${self.origin}popup.html` });
// An extension page opened in a tab still is the extension's own page.
const popupInTab = (self: typeof chrome): SenderFacts => ({
  id: self.id,
  url: `${self.origin}popup.html`,
  tab: { id: 7 },
});
const worker = (self: typeof chrome): SenderFacts => ({ id: self.id, url: `${self.origin}background.js` });
const contentScript = (self: typeof chrome): SenderFacts => ({
  id: self.id,
  url: 'https://novels.example/book/1/',
  tab: { id: 7 },
});

describe('who may ask the worker what', () => {
  for (const [browser, self] of [
    ['Chrome', chrome],
    ['Firefox', firefox],
  ] as const) {
    it(`${browser}: the extension's pages may ask everything but page.detected`, () => {
      for (const type of REQUEST_TYPES.filter((t) => t !== 'page.detected')) {
        expect(senderRefusal(type, popup(self), self)).toBeUndefined();
        expect(senderRefusal(type, popupInTab(self), self)).toBeUndefined();
      }
      expect(senderRefusal('port:tasks', popup(self), self)).toBeUndefined();
      expect(senderRefusal('offscreen', worker(self), self)).toBeUndefined();
    });

    it(`${browser}: a content script may only report its page`, () => {
      expect(senderRefusal('page.detected', contentScript(self), self)).toBeUndefined();
      for (const type of REQUEST_TYPES.filter((t) => t !== 'page.detected')) {
        expect(senderRefusal(type, contentScript(self), self)).toMatch(/Only the extension's own pages may ask for/);
      }
      expect(senderRefusal('source.test', contentScript(self), self)).toContain('https://novels.example/book/1/');
      expect(senderRefusal('port:tasks', contentScript(self), self)).toBeDefined();
      expect(senderRefusal('offscreen', contentScript(self), self)).toBeDefined();
    });
  }

  it('refuses page.detected from anything that is not a script in a web page', () => {
    expect(senderRefusal('page.detected', popup(chrome), chrome)).toBeDefined();
    expect(
      senderRefusal('page.detected', { id: chrome.id, url: 'file:///etc/passwd', tab: { id: 1 } }, chrome),
    ).toBeDefined();
  });

  it('refuses other extensions and senders without an id, whatever they ask', () => {
    const other = {
      id: 'otherextensionidotherextensionid',
      url: 'chrome-extension://otherextensionidotherextensionid/x.html',
    };
    expect(senderRefusal('task.list', other, chrome)).toMatch(/Only this extension/);
    expect(senderRefusal('page.detected', { url: 'https://a.example/', tab: { id: 1 } }, chrome)).toMatch(
      /Only this extension/,
    );
  });

  it('does not take a look-alike origin for the extension', () => {
    const lookAlike = { id: chrome.id, url: `https://evil.example/${chrome.origin}popup.html`, tab: { id: 3 } };
    expect(senderRefusal('settings.set', lookAlike, chrome)).toBeDefined();
    expect(
      senderRefusal(
        'settings.set',
        { id: chrome.id, url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnopX/popup.html' },
        chrome,
      ),
    ).toBeDefined();
  });
});
