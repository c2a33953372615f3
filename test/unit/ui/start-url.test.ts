import { describe, expect, it } from 'vitest';
import { pickStartUrl } from '../../../lib/ui/start-url';

const POPUP = 'chrome-extension://abcdefghijklmnop/popup.html';

describe('pickStartUrl', () => {
  it('offers the active web page', () => {
    expect(pickStartUrl(POPUP, 'https://example.com/book/1')).toEqual({
      url: 'https://example.com/book/1',
      source: 'tab',
    });
  });

  it('asks for a URL when the active tab is the popup itself', () => {
    expect(pickStartUrl(POPUP, POPUP)).toEqual({ url: '', source: 'manual' });
  });

  it('honours ?url= when the popup is opened as a tab', () => {
    const self = `${POPUP}?url=${encodeURIComponent('http://127.0.0.1:8080/book/1?x=1&y=2')}`;
    expect(pickStartUrl(self, self)).toEqual({ url: 'http://127.0.0.1:8080/book/1?x=1&y=2', source: 'param' });
    expect(pickStartUrl(self, undefined)).toEqual({ url: 'http://127.0.0.1:8080/book/1?x=1&y=2', source: 'param' });
  });

  it('asks for a URL when the active tab is not a web page or unknown', () => {
    expect(pickStartUrl(POPUP, 'chrome://newtab/')).toEqual({ url: '', source: 'manual' });
    expect(pickStartUrl(POPUP, undefined)).toEqual({ url: '', source: 'manual' });
    expect(pickStartUrl(POPUP, 'not a url')).toEqual({ url: '', source: 'manual' });
    expect(pickStartUrl(`${POPUP}?url=`, 'about:blank')).toEqual({ url: '', source: 'manual' });
  });
});
