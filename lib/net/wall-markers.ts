// What a wall looks like: the answers sites give instead of a chapter when a person has to act
// first. A marker matches when every condition it names holds; the first matching marker in
// this order wins (vendor challenges, then sign-in answers, then locked chapters, then the
// generic page shapes). Conditions look at structure (status, headers, the <title>, ids and
// classes, where a redirect ended) and at a page's words only when the page is short, so a
// chapter whose story mentions a captcha or a login is still a chapter.
//
// Facts about the vendors' pages come from their documentation and from public detectors
// (FlareSolverr's challenge titles and selectors, wafw00f's vendor signatures); every marker has
// a page of our own in test/unit/net/walls.test.ts.

export type WallKind = 'challenge' | 'login' | 'locked';

export interface WallMarker {
  /** Stable name for logs and tests, e.g. `cloudflare-title`. */
  id: string;
  kind: WallKind;
  /** Who put the wall up, in the log's words: `Cloudflare`, `the site`. */
  by: string;
  /** The answer's status is one of these. */
  status?: readonly number[];
  /** A response header (lower-case name) whose value matches. */
  header?: readonly [name: string, value: RegExp];
  /** The page's <title>, trimmed, matches. */
  title?: RegExp;
  /** The raw markup matches (ids, classes, script addresses: structure, not prose). */
  markup?: RegExp;
  /** The page's visible text matches (only ever with `maxText`). */
  text?: RegExp;
  /** The request was redirected, and the final URL's host and path (`host/path`) match. */
  redirectedTo?: RegExp;
  /** The page's visible text is at most this many characters: a wall page, not a chapter. */
  maxText?: number;
}

/** A challenge page is a sentence or two and a widget. */
const CHECK_PAGE = 3_000;
/** A sign-in page is a form and the site's header and footer. */
const SIGN_IN_PAGE = 4_000;
/** A locked chapter may show a preview of its first paragraphs before the notice. */
const LOCKED_PAGE = 8_000;

const LOGIN_TITLE = /登[录陆]|注册|会员中心|用户中心|\blog ?in\b|\bsign ?in\b|\bsign on\b/i;

export const WALL_MARKERS: readonly WallMarker[] = [
  // --- Anti-bot challenges of known vendors -----------------------------------------------
  // Cloudflare sets this header on every kind of challenge page it serves (its docs).
  { id: 'cloudflare-header', kind: 'challenge', by: 'Cloudflare', header: ['cf-mitigated', /^\s*challenge\s*$/i] },
  // Its interstitial's title, in English and in its Chinese translation.
  {
    id: 'cloudflare-title',
    kind: 'challenge',
    by: 'Cloudflare',
    title: /^(?:just a moment(?:\.\.\.|…)|请稍候(?:\.\.\.|…)?)$/i,
    maxText: CHECK_PAGE,
  },
  // The challenge's own script options; the bot-detection script Cloudflare adds to ordinary
  // pages (/cdn-cgi/challenge-platform/scripts/jsd/) is not a challenge and is not matched.
  {
    id: 'cloudflare-options',
    kind: 'challenge',
    by: 'Cloudflare',
    markup: /\b_?cf_chl_opt\b|\/cdn-cgi\/challenge-platform\/h\/[a-z]\/orchestrate\//,
  },
  {
    id: 'cloudflare-form',
    kind: 'challenge',
    by: 'Cloudflare',
    markup:
      /\bid=["']?(?:challenge-form|challenge-running|challenge-stage|cf-challenge-running|cf-please-wait|challenge-body-text)\b|\bclass=["'][^"']*\bcf-browser-verification\b/,
    maxText: CHECK_PAGE,
  },
  { id: 'cloudflare-attention', kind: 'challenge', by: 'Cloudflare', title: /^attention required!? \| cloudflare$/i },
  { id: 'ddos-guard-title', kind: 'challenge', by: 'DDoS-Guard', title: /^ddos-guard$/i },
  {
    id: 'ddos-guard-server',
    kind: 'challenge',
    by: 'DDoS-Guard',
    status: [403, 503],
    header: ['server', /ddos-guard/i],
  },
  // Sucuri's JavaScript cookie check, and its firewall page.
  { id: 'sucuri-check', kind: 'challenge', by: 'Sucuri', markup: /\bsucuri_cloudproxy_js\b/ },
  { id: 'sucuri-firewall', kind: 'challenge', by: 'Sucuri', title: /^sucuri website firewall\b/i },
  // Jiasule (Knownsec), common on Chinese sites: a script that sets its clearance cookie.
  { id: 'jiasule-check', kind: 'challenge', by: 'Jiasule', markup: /__jsl_clearance/ },
  // Imperva/Incapsula also adds its resource script to ordinary pages: only an empty page counts.
  { id: 'incapsula-check', kind: 'challenge', by: 'Imperva', markup: /\/_Incapsula_Resource\b/, maxText: 500 },
  {
    id: 'datadome-captcha',
    kind: 'challenge',
    by: 'DataDome',
    markup: /\bcaptcha-delivery\.com\b/,
    maxText: CHECK_PAGE,
  },
  {
    id: 'perimeterx-captcha',
    kind: 'challenge',
    by: 'HUMAN (PerimeterX)',
    markup: /\bid=["']?px-captcha\b/,
    maxText: CHECK_PAGE,
  },

  // --- Sign-in walls ----------------------------------------------------------------------
  { id: 'status-401', kind: 'login', by: 'the site', status: [401] },
  // Where a redirect ended, as host and path: a sign-in host, or a sign-in page on the site.
  {
    id: 'login-redirect',
    kind: 'login',
    by: 'the site',
    redirectedTo:
      /^(?:passport|login|account|accounts|sso|auth)\.|\/(?:log-?in|sign-?in|sign_in|logon|passport|auth)(?:\.[a-z]{2,6})?(?:\/|$)/i,
  },

  // --- Locked chapters (paid, VIP, subscribers only) ---------------------------------------
  // Qidian's lock box around a VIP chapter's preview.
  {
    id: 'vip-lock-box',
    kind: 'locked',
    by: 'the site',
    markup: /\bclass=["'][^"']*\bvip-limit-wrap\b/,
    maxText: LOCKED_PAGE,
  },
  {
    id: 'locked-zh',
    kind: 'locked',
    by: 'the site',
    text: /本章(?:节)?(?:为|是)(?:VIP|付费|收费|会员)章节|VIP章节[，,：:\s]*(?:需要|请|订阅|购买)|订阅本章|购买本章|本章(?:节)?(?:尚)?(?:未购买|未订阅|未解锁|需(?:要)?(?:订阅|购买|付费|解锁))|(?:订阅|购买|付费|解锁)后(?:即可|才能|方可|可以)?(?:继续)?(?:阅读|查看)(?:本章|全文|完整|正文)?|开通会员(?:后)?(?:即可|才能|方可)?(?:阅读|查看|解锁)/i,
    maxText: LOCKED_PAGE,
  },
  {
    id: 'locked-en',
    kind: 'locked',
    by: 'the site',
    text: /\bthis chapter is (?:locked|premium|paid|only (?:available|for) (?:to )?(?:patrons|subscribers|members|vip))\b|\bunlock (?:this|the) chapter\b|\b(?:buy|purchase) (?:this|the) chapter\b|\bpremium chapter\b|\b(?:paid|vip|locked) chapter\b|\bsubscribe (?:to|and) (?:read|unlock)\b|\b(?:coins?|points?|karma|tickets?) to unlock\b/i,
    maxText: LOCKED_PAGE,
  },

  // --- Generic page shapes ----------------------------------------------------------------
  // A page that is a password form under a sign-in title.
  {
    id: 'login-form',
    kind: 'login',
    by: 'the site',
    title: LOGIN_TITLE,
    markup: /<input\b[^>]*\btype=["']?password\b/i,
    maxText: SIGN_IN_PAGE,
  },
  {
    id: 'login-text',
    kind: 'login',
    by: 'the site',
    text: /登[录陆]后(?:才能|才可以|方可|即可|继续|可以)?(?:阅读|观看|查看(?:本章|全文|完整|章节|正文|内容))|(?:您|你)(?:还)?(?:没有|未)登[录陆]|\b(?:log|sign) ?in to (?:continue|read|view this|access this)\b|\b(?:must|need to) be (?:logged|signed) in to (?:read|view|access|continue)\b|\bthis (?:chapter|content|story|page) (?:requires|needs) (?:an? )?(?:account|login|sign-in)\b/i,
    maxText: SIGN_IN_PAGE,
  },
  // A page that is little more than a captcha widget.
  {
    id: 'captcha-page',
    kind: 'challenge',
    by: 'the site',
    markup:
      /\bclass=["'][^"']*\b(?:g-recaptcha|h-captcha|cf-turnstile)\b|(?:google\.com|recaptcha\.net)\/recaptcha\/(?:api|enterprise)\.js|hcaptcha\.com\/1\/api\.js|challenges\.cloudflare\.com\/turnstile\//,
    maxText: 1_500,
  },
  {
    id: 'check-text',
    kind: 'challenge',
    by: 'the site',
    text: /\bchecking your browser before accessing\b|\bverify(?:ing)? (?:that )?you are (?:a )?human\b|\bneeds to review the security of your connection\b|人机验证|请完成(?:下方的?)?安全验证|正在进行安全验证|正在验证您的浏览器/i,
    maxText: CHECK_PAGE,
  },
];
