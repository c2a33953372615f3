import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../../lib/net/charset';

// Node cannot encode GBK or Big5, so the bytes are written out by hand.
const GBK_DI_YI_ZHANG = [0xb5, 0xda, 0xd2, 0xbb, 0xd5, 0xc2]; // 第一章
const GBK_ONLY = [0x81, 0x40]; // 丂: in GBK, outside GB2312's byte range
const BIG5_DI_YI_ZHANG = [0xb2, 0xc4, 0xa4, 0x40, 0xb3, 0xb9]; // 第一章

/** ASCII strings and raw byte arrays glued into one page. */
function page(...parts: (string | number[])[]): Uint8Array {
  const chunks = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const body = (bytes: number[]) => page('<html><body><h1>', bytes, '</h1></body></html>');

describe('decodeHtml', () => {
  it("uses the rule's charset", () => {
    expect(decodeHtml(body(GBK_DI_YI_ZHANG), { charset: 'gbk' })).toContain('<h1>第一章</h1>');
  });

  it('uses the charset of the Content-Type header', () => {
    const text = decodeHtml(body(GBK_DI_YI_ZHANG), { contentType: 'text/html; charset="GBK"' });
    expect(text).toContain('第一章');
  });

  it('sniffs <meta charset>', () => {
    const bytes = page('<html><head><meta charset="gb2312"></head><body>', GBK_DI_YI_ZHANG, '</body></html>');
    expect(decodeHtml(bytes, { contentType: 'text/html' })).toContain('第一章');
  });

  it('sniffs <meta http-equiv content="...charset=...">', () => {
    const bytes = page(
      '<html><head><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=gbk"></head><body>',
      GBK_DI_YI_ZHANG,
      '</body></html>',
    );
    expect(decodeHtml(bytes, {})).toContain('第一章');
  });

  it('lets the rule win over a lying header and meta', () => {
    const bytes = page('<meta charset="utf-8"><p>', GBK_DI_YI_ZHANG, '</p>');
    expect(decodeHtml(bytes, { contentType: 'text/html; charset=utf-8', charset: 'gbk' })).toContain('第一章');
  });

  it('lets a header naming a real charset win over the meta', () => {
    const bytes = page('<meta charset="gbk"><p>', BIG5_DI_YI_ZHANG, '</p>');
    expect(decodeHtml(bytes, { contentType: 'text/html; charset=big5' })).toContain('第一章');
  });

  it('believes the meta when a server-default utf-8 header lies about GBK bytes', () => {
    const bytes = page('<meta charset="gbk"><p>', GBK_DI_YI_ZHANG, '</p>');
    expect(decodeHtml(bytes, { contentType: 'text/html; charset=utf-8' })).toContain('第一章');
  });

  it('believes the meta over a latin-1 header', () => {
    const bytes = page('<meta charset="gbk"><p>', GBK_DI_YI_ZHANG, '</p>');
    expect(decodeHtml(bytes, { contentType: 'text/html; charset=ISO-8859-1' })).toContain('第一章');
  });

  it('keeps a utf-8 header when the bytes really are UTF-8, whatever the meta says', () => {
    const utf8 = Array.from(new TextEncoder().encode('第一章'));
    const bytes = page('<meta charset="gbk"><p>', utf8, '</p>');
    expect(decodeHtml(bytes, { contentType: 'text/html; charset=utf-8' })).toContain('第一章');
  });

  it('guesses GBK for bytes that are not UTF-8 when nothing names a charset', () => {
    expect(decodeHtml(body(GBK_DI_YI_ZHANG), {})).toContain('第一章');
  });

  it('reads GBK-only characters on pages labelled gb2312', () => {
    expect(decodeHtml(body(GBK_ONLY), { charset: 'GB2312' })).toContain('丂');
  });

  it('decodes Big5', () => {
    const bytes = page('<meta http-equiv="content-type" content="text/html;charset=big5">', BIG5_DI_YI_ZHANG);
    expect(decodeHtml(bytes, {})).toContain('第一章');
  });

  it('defaults to UTF-8', () => {
    const utf8 = Array.from(new TextEncoder().encode('第一章'));
    expect(decodeHtml(body(utf8), {})).toContain('<h1>第一章</h1>');
    expect(decodeHtml(body(utf8), { contentType: null })).toContain('<h1>第一章</h1>');
  });

  it('skips unknown labels instead of throwing', () => {
    expect(decodeHtml(body(GBK_DI_YI_ZHANG), { charset: 'klingon', contentType: 'text/html; charset=gbk' })).toContain(
      '第一章',
    );
    const utf8 = Array.from(new TextEncoder().encode('第一章'));
    const bytes = page('<meta charset="nonsense">', utf8);
    expect(decodeHtml(bytes, { charset: 'x-unknown', contentType: 'text/html; charset=bogus' })).toContain('第一章');
  });

  it('only sniffs the start of the page', () => {
    const bytes = page(' '.repeat(5000), '<meta charset="big5">', BIG5_DI_YI_ZHANG);
    expect(decodeHtml(bytes, {})).not.toContain('第一章');
  });

  it('trusts a UTF-8 byte-order mark over labels', () => {
    const bytes = page([0xef, 0xbb, 0xbf], '<p>', Array.from(new TextEncoder().encode('第一章')));
    const text = decodeHtml(bytes, { contentType: 'text/html; charset=gbk' });
    expect(text).toBe('<p>第一章');
  });
});
