import { describe, expect, it } from 'vitest';
import { WALL_MARKERS } from '../../../lib/net/wall-markers';
import { detectWall, pageTitle, visibleText, type Answer } from '../../../lib/net/walls';

const URL_ASKED = 'https://novel.example/book/7/12.html';

function answer(html: string, over: { status?: number; headers?: Record<string, string>; url?: string } = {}): Answer {
  const headers = new Map(Object.entries(over.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    requestedUrl: URL_ASKED,
    url: over.url ?? URL_ASKED,
    status: over.status ?? 200,
    header: (name) => headers.get(name.toLowerCase()) ?? null,
    html,
  };
}

function page(title: string, body: string, head = ''): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;
}

/** A story's worth of words: what makes a page a chapter rather than a wall. */
function story(words: number, lang: 'en' | 'zh' = 'en'): string {
  const en = 'The lantern swung over the deck while the crew hauled the sails and the sea rolled on. ';
  const zh = '林远看着远处的灯火，心中一片平静，江边起了大风，河水在风中轻轻摇动。';
  const unit = lang === 'en' ? en : zh;
  return `<p>${unit.repeat(Math.ceil(words / unit.length))}</p>`.repeat(4);
}

// One page of our own for every marker in the table, written from what the vendors' pages carry.
const CASES: Record<string, Answer> = {
  'cloudflare-header': answer(page('example.com', '<div>One moment.</div>'), {
    status: 403,
    headers: { 'cf-mitigated': 'challenge' },
  }),
  'cloudflare-title': answer(
    page('Just a moment...', '<h1>novel.example</h1><p>Verifying the connection. This may take a few seconds.</p>'),
    { status: 503 },
  ),
  'cloudflare-options': answer(
    page(
      'novel.example',
      '<noscript>Enable JavaScript</noscript><script>window._cf_chl_opt={cvId:"3",cZone:"novel.example"};</script>',
    ),
    {
      status: 403,
    },
  ),
  'cloudflare-form': answer(
    page(
      'novel.example',
      '<form id="challenge-form" action="/?__cf_chl_f_tk=x" method="POST"><input type="hidden"></form>',
    ),
    { status: 403 },
  ),
  'cloudflare-attention': answer(
    page(
      'Attention Required! | Cloudflare',
      '<div class="cf-wrapper"><h1>One more step</h1><p>Please complete the security check to access</p></div>',
    ),
    {
      status: 403,
    },
  ),
  'ddos-guard-title': answer(page('DDoS-Guard', '<div>Checking</div>'), { status: 403 }),
  'ddos-guard-server': answer(page('', '<div>Please wait</div>'), { status: 403, headers: { Server: 'ddos-guard' } }),
  'sucuri-check': answer(
    page(
      'You are being redirected...',
      '<script>var s={},u,c,U,r,i,l=0,a,e=eval;sucuri_cloudproxy_js="";S="cz0n";</script>',
    ),
  ),
  'sucuri-firewall': answer(
    page('Sucuri WebSite Firewall - Access Denied', '<h2>Access Denied - Sucuri Website Firewall</h2>'),
    { status: 403 },
  ),
  'jiasule-check': answer(
    page(
      '',
      '<script>document.cookie=("__jsl_clearance_s=1700000000.1|0|abc");location.href=location.pathname</script>',
    ),
    {
      status: 521,
    },
  ),
  'incapsula-check': answer(
    '<html><head><meta name="robots" content="noindex,nofollow"><script src="/_Incapsula_Resource?SWJIYLWA=719d34d3"></script></head><body><iframe src="/_Incapsula_Resource?CWUDNSAI=9"></iframe></body></html>',
  ),
  'datadome-captcha': answer(
    page(
      'novel.example',
      '<iframe src="https://geo.captcha-delivery.com/captcha/?initialCid=AH&cid=x" title="DataDome CAPTCHA"></iframe>',
    ),
    { status: 403 },
  ),
  'perimeterx-captcha': answer(
    page(
      'Access to this page has been denied',
      '<div id="px-captcha"></div><p>Press &amp; Hold to confirm you are a human (and not a bot).</p>',
    ),
    {
      status: 403,
    },
  ),
  'status-401': answer(page('401 Unauthorized', '<h1>Unauthorized</h1>'), { status: 401 }),
  'login-redirect': answer(page('用户登录', '<form><input name="u"></form>'), {
    url: 'https://novel.example/user/login.php?jumpurl=%2Fbook%2F7%2F12.html',
  }),
  'vip-lock-box': answer(
    page(
      '第十二章 夜雨',
      `<h1>第十二章 夜雨</h1><div class="read-content">${story(300, 'zh')}</div><div class="vip-limit-wrap"><h3>订阅</h3><a class="btn">充值</a></div>`,
    ),
  ),
  'locked-zh': answer(
    page('第十二章 夜雨_演示之书', '<h1>第十二章 夜雨</h1><div id="content">本章为VIP章节，订阅后即可阅读全文。</div>'),
  ),
  'locked-en': answer(
    page(
      'Chapter 12 - The Voyage',
      '<h1>Chapter 12</h1><div class="lock"><p>This chapter is locked. Unlock it with 5 coins.</p></div>',
    ),
  ),
  'login-form': answer(
    page(
      'Sign in - Lantern Novels',
      '<form method="post" action="/session"><input name="email"><input type="password" name="password"><button>Sign in</button></form>',
    ),
  ),
  'login-text': answer(
    page('第十二章 夜雨', '<h1>第十二章 夜雨</h1><div id="content">本章需要登录后才能阅读，请先登录。</div>'),
  ),
  'captcha-page': answer(
    page(
      'Security check',
      '<form action="/verify" method="post"><div class="g-recaptcha" data-sitekey="6Lc"></div><button>Continue</button></form>',
      '<script src="https://www.google.com/recaptcha/api.js" async defer></script>',
    ),
  ),
  'check-text': answer(
    page('安全验证', '<div class="box"><p>请完成下方安全验证后继续访问</p><div id="slider"></div></div>'),
  ),
};

describe('wall markers', () => {
  it('every marker in the table has a page of its own here', () => {
    expect(Object.keys(CASES).sort()).toEqual(WALL_MARKERS.map((m) => m.id).sort());
    expect(new Set(WALL_MARKERS.map((m) => m.id)).size).toBe(WALL_MARKERS.length);
  });

  for (const marker of WALL_MARKERS) {
    it(`${marker.id}: a ${marker.kind} page`, () => {
      const wall = detectWall(CASES[marker.id]!);
      expect(wall).toMatchObject({ marker: marker.id, kind: marker.kind, by: marker.by });
      expect(wall!.evidence.length).toBeGreaterThan(0);
      expect(wall!.evidence.length).toBeLessThanOrEqual(100);
    });
  }

  it('names what it saw: the sentence of a locked chapter, the address a redirect ended at', () => {
    expect(detectWall(CASES['locked-zh']!)!.evidence).toBe('本章为VIP章节，订阅后即可阅读全文。');
    expect(detectWall(CASES['locked-en']!)!.evidence).toBe('This chapter is locked.');
    expect(detectWall(CASES['login-redirect']!)!.evidence).toContain('/user/login.php');
    expect(detectWall(CASES['cloudflare-header']!)!.evidence).toBe('cf-mitigated: challenge');
  });

  it('English sign-in sentences and other login pages', () => {
    const en = answer(page('Chapter 12', '<h1>Chapter 12</h1><p>You must be logged in to read this chapter.</p>'));
    expect(detectWall(en)).toMatchObject({ kind: 'login', marker: 'login-text' });
    const passport = answer(page('Welcome', '<p>hi</p>'), { url: 'https://passport.novel.example/?return=x' });
    expect(detectWall(passport)).toMatchObject({ kind: 'login', marker: 'login-redirect' });
  });

  it('the Chinese Cloudflare title and a VIP chapter that also asks to sign in (locked wins)', () => {
    expect(detectWall(answer(page('请稍候…', '<p>正在验证</p>')))).toMatchObject({ marker: 'cloudflare-title' });
    const vip = answer(page('第十二章', '<div id="content">本章为VIP章节，请登录后阅读。</div>'));
    expect(detectWall(vip)).toMatchObject({ kind: 'locked' });
  });
});

describe('ordinary pages are not walls', () => {
  const chapter = (body: string, title = 'Chapter 12: The Storm - The Voyage', head = '') =>
    answer(
      page(
        title,
        `<div class="nav"><a href="/">Home</a></div><h1>Chapter 12</h1><div id="content">${body}</div>`,
        head,
      ),
    );

  it('a chapter whose story talks about captchas, logins and locked chapters', () => {
    const words =
      '<p>"Just a moment..." she said. "Verify you are human," the machine demanded, showing a captcha. ' +
      'You must be logged in to read this chapter, the sign on the door joked. This chapter is locked, he wrote in his diary.</p>';
    expect(detectWall(chapter(words + story(3_000) + story(6_000)))).toBeNull();
    const zh = `<p>“请完成安全验证”，门上写着。本章为VIP章节，他笑道。登录后才能阅读的书？</p>${story(5_000, 'zh')}`;
    expect(detectWall(chapter(zh, '第十二章 夜雨'))).toBeNull();
  });

  it('a chapter with a comment form under a reCAPTCHA, a header login box and Cloudflare bot scripts', () => {
    const extras =
      '<form class="login"><input name="u"><input type="password" name="p"><button>登录</button></form>' +
      '<form class="comment"><textarea></textarea><div class="g-recaptcha" data-sitekey="x"></div></form><p>请登录后发表评论</p>';
    const head =
      '<script src="https://www.google.com/recaptcha/api.js"></script><script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script>' +
      '<script src="/_Incapsula_Resource?SWJIYLWA=719d"></script>';
    expect(detectWall(chapter(story(2_000) + extras, 'Chapter 12', head))).toBeNull();
  });

  it('a short chapter titled like a wall is still read when the page is long', () => {
    expect(detectWall(chapter(story(4_000), 'Just a moment...'))).toBeNull();
  });

  it('redirects that are not to a sign-in page, and statuses that are not walls', () => {
    expect(
      detectWall(answer(page('Chapter', story(100)), { url: 'https://novel.example/authors/login-stories/12.html' })),
    ).toBeNull();
    expect(
      detectWall(answer(page('Chapter', story(100)), { url: 'https://m.novel.example/book/7/12.html' })),
    ).toBeNull();
    expect(detectWall(answer(page('403 Forbidden', '<h1>Forbidden</h1>'), { status: 403 }))).toBeNull();
    expect(
      detectWall(
        answer(page('Service Unavailable', '<h1>503</h1>'), { status: 503, headers: { server: 'cloudflare' } }),
      ),
    ).toBeNull();
    // The login address asked for directly is a page like any other (the user gave it).
    expect(
      detectWall({
        ...answer(page('Chapter', story(100))),
        requestedUrl: 'https://novel.example/login',
        url: 'https://novel.example/login',
      }),
    ).toBeNull();
  });

  it('a hostile page: unclosed comments, scripts and tags, a huge body', () => {
    const hostile =
      '<html><title>x</title><body>' + '<script>'.repeat(20_000) + '<!--'.repeat(20_000) + '<div'.repeat(20_000);
    expect(detectWall(answer(hostile))).toBeNull();
    const huge = page('A book', story(2_000_000));
    expect(detectWall(answer(huge))).toBeNull();
  });
});

describe('page text', () => {
  it('the title and the visible words, without scripts, styles and comments', () => {
    const html =
      '<html><head><title> A &amp; B\n </title><style>p{}</style></head><body><!-- hidden --><p>One&nbsp;two</p><script>var x="<p>no</p>"</script><p>three</p></body></html>';
    expect(pageTitle(html)).toBe('A & B');
    expect(visibleText(html)).toBe('A & B\nOne two\nthree');
    expect(visibleText('<p>本章为<b>VIP</b>章节</p><div>下一章</div>')).toBe('本章为VIP章节\n下一章');
    expect(pageTitle('<html><body>no title</body></html>')).toBeNull();
    expect(visibleText('<p>abcdef</p>', undefined, 3)).toBe('abc');
  });
});
