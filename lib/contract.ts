// The one typed definition of the extension's contract, described in docs/contract.md (keep the
// two in step). The worker, the popup, the options page and the tests all import it.

export const ERROR_CODES = [
  'invalid_url',
  'invalid_format',
  'unknown_source',
  'source_disabled',
  'no_source',
  'invalid_source',
  'invalid_settings',
  'invalid_range',
  'invalid_message',
  'unknown_task',
  /** An EPUB the library was given cannot be read or continued (the sentence says why). */
  'invalid_file',
  'unknown_subscription',
  'network',
  'http_status',
  'timeout',
  'parse',
  'cancelled',
  'interrupted',
  'storage',
  'permission',
  /** An anti-bot check stood in front of the site past `challengeWaitMinutes`. */
  'challenge',
  /** The site wanted a sign-in past `challengeWaitMinutes`. */
  'login_required',
  /** A chapter that needs an account or payment (listed in `locked`, never retried). */
  'locked',
  /** The sender may not send that message (a web page's script asking for a privileged one). */
  'forbidden',
  /** A page (or a book) over a size limit. */
  'too_large',
  /** The browser did not save the file. */
  'file',
  /** A link or redirect leaves the book's site (and the source's matches). */
  'off_site',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

export const FORMATS = ['epub', 'txt'] as const;
export type BookFormat = (typeof FORMATS)[number];

/**
 * `waiting` is not final: the task waits for the reader to get past a wall on a site (see
 * `waitingFor`), resumes by itself once they have, and ends `failed` at `waitingFor.until`.
 */
export type TaskStatus = 'queued' | 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';
export const FINAL_STATUSES: readonly TaskStatus[] = ['completed', 'failed', 'cancelled'];

/** What a `waiting` task waits for: the reader to clear an anti-bot check, or to sign in. */
export type WaitKind = 'challenge' | 'login';

export interface WaitingFor {
  kind: WaitKind;
  /** The site's host (`www.example.com`, with a port when it has one): every task on it waits. */
  host: string;
  /** The page to open in a tab: the one that answered with the wall. */
  url: string;
  /** Epoch ms: when the wall was met, and when the task gives up (`challengeWaitMinutes` later). */
  since: number;
  until: number;
}

export interface ChapterRange {
  from?: number;
  to?: number;
}

/**
 * How the user settled what the reader doubted (the popup's confirmation): where the table of
 * contents is, and which way it runs. Both override what the source's rule or the generic
 * reader would do on their own.
 */
export interface TocChoice {
  /** Read the chapter list from this page (the book page itself, or one the user picked). */
  url?: string;
  /** `asc`: the list names the first chapter first; `desc`: the newest first (it is turned around). */
  order?: 'asc' | 'desc';
}

export interface Task {
  id: string;
  url: string;
  sourceId: string;
  format: BookFormat;
  status: TaskStatus;
  title?: string;
  author?: string;
  totalChapters: number;
  completedChapters: number;
  failedChapters: number;
  progress: number;
  error?: ErrorInfo;
  fileName?: string;
  downloadId?: number;
  createdAt: number;
  startedAt?: number;
  heartbeatAt?: number;
  finishedAt?: number;
  // Beyond the contract: what diagnostics and recovery need.
  range?: ChapterRange;
  /** Where the chapter list is and which way it runs, as the user confirmed it. */
  toc?: TocChoice;
  /** How many times a runner picked this task up again after its worker was lost. */
  resumes: number;
  /** Resumes since the last chapter was stored; too many in a row ends the task `interrupted`. */
  resumesWithoutProgress: number;
  /** HTTP tries made for this task, and how many of them failed and were tried again. */
  attempts?: number;
  retries?: number;
  /** The chapters given up on, with why (the first 100), once the task has ended. */
  failures?: ChapterFailure[];
  /**
   * Set while (and after) the task runs again to add the chapters a check found to the finished
   * book (`library.update`): the new chapters, 1-based and inclusive, and whether only they go
   * into a part file (else the whole book is made again).
   */
  update?: { from: number; to: number; part: boolean };
  /** Set while `status` is `waiting`: what the reader must do, where, and until when. */
  waitingFor?: WaitingFor;
  /** Chapters the site keeps for accounts or payment: skipped, not retried, named in the book. */
  lockedChapters?: number;
  /** Those chapters, with the site's reason (the first 100). */
  locked?: LockedChapter[];
  /** What a limit cut from the book (pages of the contents or of a chapter not read). */
  warnings?: TaskWarning[];
}

export interface LockedChapter {
  /** 1-based, in table-of-contents order of the task's chapters. */
  chapter: number;
  title: string;
  url: string;
  /** What the site said, e.g. "本章为VIP章节，订阅后即可阅读". */
  reason: string;
}

/** Limits that cut something from a book; the task says so (contract addition). */
export const WARNING_CODES = ['toc_pages_cut', 'chapter_pages_cut'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** One kind of cut on a task: the first time it happened, in a sentence, and how often. */
export interface TaskWarning {
  code: WarningCode;
  message: string;
  count: number;
}

export interface ChapterFailure {
  /** 1-based, in table-of-contents order of the task's chapters. */
  chapter: number;
  title: string;
  url: string;
  error: ErrorInfo;
}

/** One line of a task's diagnostic log, kept in IndexedDB (bounded per task). */
export interface TaskEvent {
  taskId: string;
  at: number;
  level: 'info' | 'warn' | 'error';
  message: string;
  code?: ErrorCode;
}

export interface Settings {
  defaultFormat: BookFormat;
  concurrency: number;
  delayMs: number;
  requestTimeoutMs: number;
  maxAttempts: number;
  watchdogPeriodSeconds: number;
  maxTaskMinutes: number;
  /** Tasks downloading at once; the rest wait `queued`. */
  maxRunningTasks: number;
  /** A book with more chapters missing than this share ends `failed` instead of `completed`. */
  maxFailedChapterPercent: number;
  /** A system notification when a download finishes or fails. */
  notifications: boolean;
  /** Followed books are checked for new chapters this often (hours, fractions allowed); 0 turns it off. */
  checkUpdatesHours: number;
  /** What an update makes: the whole book again, or a part file of only the new chapters. */
  updateMode: UpdateMode;
  /** One file, one file per volume (where the contents have volumes), or one every `splitChapters` chapters. */
  splitMode: SplitMode;
  splitChapters: number;
  /** How long a task waits for the reader to clear a challenge or sign in before it fails. */
  challengeWaitMinutes: number;
  /** A page larger than this (MB, after decompression) is not read: it fails `too_large`. */
  maxPageMB: number;
  /** How often every subscribed rule list is fetched again, in hours; 0: only by "Refresh now". */
  subscriptionRefreshHours: number;
}

export const UPDATE_MODES = ['whole', 'part'] as const;
export type UpdateMode = (typeof UPDATE_MODES)[number];
export const SPLIT_MODES = ['none', 'volume', 'chapters'] as const;
export type SplitMode = (typeof SPLIT_MODES)[number];

/** A file a book made, as the library remembers it. */
export interface BookFile {
  fileName: string;
  downloadId?: number;
  at: number;
  /** The chapters it holds, 1-based and inclusive, in the book's order (a part file holds some). */
  chapters: { from: number; to: number };
}

/** What one check of a book for new chapters found. */
export interface BookCheck {
  at: number;
  /** New chapters found (0: none, or the check failed). */
  found: number;
  /** Chapters the book holds that the site no longer lists (they stay in the book). */
  removed: number;
  error?: ErrorInfo;
}

/**
 * A completed book in the library. Its id is the id of the task that downloaded it: an update
 * runs that task again for the new chapters only.
 */
export interface LibraryBook {
  id: string;
  url: string;
  sourceId: string;
  /** The site's host, e.g. `www.example.com`. */
  site: string;
  title: string;
  author: string;
  format: BookFormat;
  /** Chapters the book holds, including any the site has since removed. */
  chapters: number;
  followed: boolean;
  /** Whether the reader was asked to follow it (asked once, when the download completed). */
  followAsked: boolean;
  lastCheck?: BookCheck;
  /** New chapters found by a check and not fetched yet. */
  newChapters: number;
  /** The file it last made. */
  file?: BookFile;
  /** What its stored chapters take in the browser's storage, in bytes (an estimate: text as stored). */
  storedBytes: number;
  /** False once its stored chapters were freed: it then updates as part files of the new chapters only. */
  chaptersStored: boolean;
  /** A check or an update of it is under way. */
  busy?: 'checking' | 'updating';
}

/** A chapter an EPUB holds, as the library read it from the file (lib/follow/epub-holdings.ts). */
export interface HeldChapter {
  title: string;
  /** The address it came from, when the file records it (this extension's files do). */
  url?: string;
  /** One paragraph per line. */
  text: string;
}

/**
 * A selector: the string form `css[@what][##regex##replacement]` (docs/contract.md §7), or a query
 * object for what one CSS selector cannot say (positions, steps, alternatives; README "Query
 * selectors"), which is how legado rules come in.
 */
export type Selector = string | SelectorQuery;

/** One regex replacement. `regex` is JavaScript regex source; `with` may use `$1`, `$<name>`, `$$`. */
export interface Replacement {
  regex: string;
  /** Default ''. */
  with?: string;
  /** Extra flags, any of `i`, `m`, `s`, `u` (`g` is implied unless `first`). */
  flags?: string;
  /** Keep only the first match, rewritten by `with`; nothing when the regex does not match (legado `###`). */
  first?: boolean;
}

/** Positions count from 0, negative ones from the end; a range includes both ends and runs backwards when `to` is before `from`. */
export type Position = number | { from?: number; to?: number; step?: number };

export interface QueryStep {
  /** CSS, matched against each element of the previous step and everything inside it; a leading `>` means its children. */
  css: string;
  /** Keep only these positions, in this order (each element once). */
  pick?: Position[];
  /** Or drop these positions and keep the rest in page order. */
  drop?: Position[];
}

export interface QueryPath {
  /** Walked in order from the page (or the chapter element); none: the page (or element) itself. */
  steps?: QueryStep[];
  /** `text` (default), `ownText`, `textNodes`, `html`, or an attribute name. */
  take?: string;
}

export type SelectorQuery =
  | (QueryPath & { replace?: Replacement[] })
  | { firstOf: QueryPath[]; replace?: Replacement[] }
  | { all: QueryPath[]; replace?: Replacement[] }
  | { zip: QueryPath[]; replace?: Replacement[] };

export interface SourceRule {
  id: string;
  name: string;
  enabled: boolean;
  matches: string[];
  charset?: string;
  book: {
    title: Selector;
    author?: Selector;
    cover?: Selector;
    intro?: Selector;
    tocUrl?: Selector;
  };
  toc: {
    chapters: Selector;
    /** Read inside each chapter element (itself included); default: its text. */
    title?: Selector;
    /** Read inside each chapter element (itself included); default: its href, or its first link's. */
    url?: Selector;
    pages?: Selector;
    next?: Selector;
    order?: 'asc' | 'desc';
  };
  chapter: {
    title?: Selector;
    content: Selector;
    next?: Selector;
    purify?: string[];
    /** Applied in order to the whole chapter text (all its pages, one paragraph a line), as legado's replaceRegex. */
    replace?: Replacement[];
  };
  crawl?: { concurrency?: number; delayMs?: number };
  /** Examples of the rule at work (docs/contract.md §7). */
  tests?: SourceTestCase[];
}

/** A rule as users write it: `enabled` may be left out (it defaults to true). */
export type SourceRuleInput = Omit<SourceRule, 'enabled'> & { enabled?: boolean };

/**
 * A book source of the legado reader app (3.x field names, or 2.x flat ones): `source.import`
 * translates it (lib/legado). Only `bookSourceUrl` is required to tell it from our own format.
 */
export interface LegadoBookSource {
  bookSourceUrl: string;
  bookSourceName?: string;
  [field: string]: unknown;
}

/** Why a legado source (or one of its rules) cannot be imported. */
export const LEGADO_ISSUE_CODES = [
  'javascript', // `<js>`, `@js:`, `java.` calls, or a rule that runs a script (formatJs, preUpdateJs)
  'template', // `{{…}}`: a rule or URL built by an expression
  'variables', // `@get:` variables saved by another rule
  'json-path', // JSONPath: the rule reads a JSON API, not a page
  'regex-list', // a list read by an all-in-one regex (`:` and `$1` groups)
  'web-view', // the page must be rendered in a web view
  'request', // a POST request, its own headers or other URL options
  'unsupported', // syntax the translator does not read (named in the message)
  'missing', // a rule a download needs is empty
  'not-text', // an audio, image or file source
  'invalid', // the translation does not pass our validator
  'duplicate', // the list names the same bookSourceUrl twice
  'not-a-source', // an item of the list without bookSourceUrl
] as const;
export type LegadoIssueCode = (typeof LEGADO_ISSUE_CODES)[number];

export interface LegadoIssue {
  /** The legado field, e.g. `ruleContent.content`. */
  field: string;
  code: LegadoIssueCode;
  /** A sentence: "ruleContent.content uses JavaScript (@js:)". */
  message: string;
}

/** What became of one legado source of an import. */
export interface LegadoImportEntry {
  /** 1-based position in the imported list. */
  index: number;
  name: string;
  /** Its `bookSourceUrl`. */
  url: string;
  status: 'imported' | 'skipped';
  /** Our id, when imported. */
  id?: string;
  /** Why it was skipped: every rule that could not be translated. */
  reasons: LegadoIssue[];
  /** What an imported source leaves out or reads differently (its header, its login, an optional rule). */
  notes: string[];
}

export interface SourceInfo extends SourceRule {
  builtIn: boolean;
  /** Set when a subscription installed it: which one, and whether its refreshes still update it. */
  subscription?: { id: string; url: string; state: Exclude<SubscribedSourceState, 'deleted'> };
}

/**
 * A source a subscription keeps track of, as it stands now:
 * - `installed`: as the list has it; every refresh brings the list's changes;
 * - `edited`: the reader changed it here (imported a rule with its id), so refreshes leave it alone;
 * - `deleted`: the reader deleted it here, so refreshes do not bring it back;
 * - `retired`: gone from the list but kept while a download uses it; a later refresh deletes it.
 */
export type SubscribedSourceState = 'installed' | 'edited' | 'deleted' | 'retired';

export interface SubscribedSource {
  id: string;
  name: string;
  state: SubscribedSourceState;
}

/** Why an entry of a subscribed list was not installed: a legado reason, or one of the list's. */
export type SubscriptionIssueCode = LegadoIssueCode | 'built-in' | 'taken';

export interface SubscriptionIssue {
  /** The field at fault (`toc.chapters`, `ruleContent.content`, `id`). */
  field: string;
  code: SubscriptionIssueCode;
  /** A sentence naming what is wrong. */
  message: string;
}

/**
 * What one refresh did to one entry of the list:
 * - `added`, `changed`: installed (new, or a new version of a source it had installed);
 * - `removed`: gone from the list, and deleted here (or already deleted by the reader);
 * - `retired`: gone from the list, but kept while a download uses it;
 * - `released`: gone from the list; the reader's edited copy stays, as the reader's own source;
 * - `kept`: the list changed it (or brought it) but the reader's copy here is kept (`local` says how);
 * - `skipped`: not installed, `reasons` says why.
 */
export type SubscriptionChangeKind = 'added' | 'changed' | 'removed' | 'retired' | 'released' | 'kept' | 'skipped';

export interface SubscriptionChange {
  kind: SubscriptionChangeKind;
  /** The source's id; absent for a skipped entry that has none. */
  id?: string;
  name: string;
  /** 1-based position in the list, for entries the list has. */
  index?: number;
  /** `kept`: the reader edited (or imported) the source here, or deleted it. */
  local?: 'edited' | 'deleted';
  /** `skipped`: every reason. */
  reasons?: SubscriptionIssue[];
}

/** A rule list (ours or legado's) at a web address, installed and kept up to date. */
export interface Subscription {
  id: string;
  url: string;
  addedAt: number;
  /** The last refresh that read the list (epoch ms). */
  refreshedAt: number;
  /** The last try, whether it could read the list or not. */
  checkedAt: number;
  /** Why the last try could not read the list; the installed sources were left as they were. */
  error?: ErrorInfo;
  /** The sources it keeps track of, in list order (retired ones last). */
  sources: SubscribedSource[];
  /** What the last refresh that read the list did: every change, and every entry skipped. */
  changes: SubscriptionChange[];
}

/** One chapter `source.test` read when asked for `samples`: its first lines, or why it failed. */
export type ChapterSample = { index: number; title: string; url: string } & (
  { text: string; length: number } | { error: ErrorInfo }
);

/**
 * A test case a source carries (docs/contract.md §7, `tests`), checked against what a test read.
 * The kinds: a saved page (`realPage`), a book of a fixture site (`url`, `site`, `expect`), and a
 * live book page (`url` and `expect`, no `site`), which `source.test` reads from the web.
 */
export interface SourceTestCase {
  name?: string;
  realPage?: string;
  tocUrl?: string;
  url?: string;
  site?: string;
  expect?: SourceTestExpectation;
}

/** What a test case expects a reading of its book to find. */
export interface SourceTestExpectation {
  title: string;
  author?: string;
  cover?: string;
  introIncludes?: string;
  /** Chapters in the whole table of contents; for a live page, at least this many (books grow). */
  chapters: number;
  firstChapter: string;
  lastChapter?: string;
  chapterTitle?: string;
  /** Text the first chapter (all its pages) contains. */
  contentIncludes: string | string[];
  contentExcludes?: string[];
}

/** What `source.test` read: enough to see at a glance whether a rule fits a site. */
export interface SourceTestReport {
  /** The source that read the page (the `rule`'s id when one was given). */
  sourceId: string;
  book: { title: string; author: string; cover?: string; intro?: string };
  /** Chapters in the whole table of contents (every page of it). */
  chapters: number;
  /** The first five, in reading order. */
  firstChapters: Array<{ title: string; url: string }>;
  /** The first chapter (all its pages), its text cut to 2,000 characters. */
  firstChapter: { title: string; url: string; text: string; length: number };
  /** What a limit cut while reading them. */
  warnings?: TaskWarning[];
  /** With `samples`: that many chapters spread over the book (first, middle, last), each read whole. */
  samples?: ChapterSample[];
  /** When the page read is the book of one of the rule's live test cases: how the reading compares with it. */
  check?: { url: string; problems: string[] };
}

export interface Health {
  running: number;
  queued: number;
  /** Tasks waiting for the reader to get past a wall on their site. */
  waiting: number;
  watchdogAt: number | null;
  recoveredTotal: number;
  liveRunners: number;
  tasks: number;
}

/** Every message the background worker answers (docs/contract.md §1). */
export type Request =
  | { type: 'task.start'; url: string; sourceId?: string; format?: BookFormat; range?: ChapterRange; toc?: TocChoice }
  | { type: 'task.get'; taskId: string }
  | { type: 'task.list' }
  | { type: 'task.cancel'; taskId: string }
  | { type: 'task.retry'; taskId: string }
  /** The reader says the wall is cleared: the worker checks at once, and every waiting task of that host resumes if it is gone. */
  | { type: 'task.resume'; taskId: string }
  | { type: 'task.remove'; taskId: string }
  | { type: 'tasks.recover' }
  | { type: 'source.list' }
  /** Our rules (all or nothing), or a legado book source list (each translated and reported). */
  | { type: 'source.import'; sources: SourceRuleInput | SourceRuleInput[] | LegadoBookSource | LegadoBookSource[] }
  | { type: 'source.setEnabled'; sourceId: string; enabled: boolean }
  /** Deletes an imported source; built-in ones can only be disabled. */
  | { type: 'source.remove'; sourceId: string }
  /** A source in another app's format: `legado` (a book source the legado app imports). */
  | { type: 'source.export'; sourceId: string; format: 'legado' }
  /**
   * Reads a book page, its whole table of contents and the first chapter with a source (or an
   * unsaved `rule`, ours or legado's), storing nothing.
   * `url` may be left out when the rule carries a live test case: its book is read and checked.
   * `samples` (1–5): read that many chapters spread over the book instead of the first alone.
   */
  | {
      type: 'source.test';
      url?: string;
      sourceId?: string;
      rule?: SourceRuleInput | SourceRule | LegadoBookSource;
      samples?: number;
    }
  /** Fetches a rule list (ours or legado's), installs its good sources and keeps it up to date. */
  | { type: 'subscription.add'; url: string }
  | { type: 'subscription.list' }
  /** Fetches the list again now and applies what changed. */
  | { type: 'subscription.refresh'; subscriptionId: string }
  /** Stops following the list and deletes its sources, except edited ones and those a download uses. */
  | { type: 'subscription.remove'; subscriptionId: string }
  | { type: 'settings.get' }
  | { type: 'settings.set'; patch: Partial<Settings> }
  | { type: 'health' }
  | { type: 'task.log'; taskId: string; limit?: number }
  | { type: 'diagnostics' }
  /** From the content script: the page it runs in (`html` only when it may be a book; see PageDetected). */
  | PageDetected
  /** From the popup: what was detected in a tab. */
  | { type: 'page.get'; tabId: number }
  /** Every completed book, newest first, with what their stored chapters take in all. */
  | { type: 'library.list' }
  | { type: 'library.follow'; bookId: string; followed: boolean }
  /** Checks one book, or every followed book, for new chapters now; answers once the checks end. */
  | { type: 'library.check'; bookId?: string }
  /** Fetches a book's new chapters and makes its file again (whole or part, per `updateMode`). */
  | { type: 'library.update'; bookId: string }
  /** Drops a book's stored chapters; it stays in the library and updates as part files after. */
  | { type: 'library.free'; bookId: string }
  /**
   * Continues a book from an EPUB the reader opened: the page read the file
   * (lib/follow/epub-holdings.ts) and staged its chapters in storage under `importId`; the new
   * task fetches only the chapters the file lacks.
   */
  | {
      type: 'library.continue';
      importId: string;
      fileName: string;
      url: string;
      format?: BookFormat;
      chapters: number;
    };

export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

/** Every message type, at run time (each is listed once; the check below keeps the list whole). */
export const REQUEST_TYPES = [
  'task.start',
  'task.get',
  'task.list',
  'task.cancel',
  'task.retry',
  'task.resume',
  'task.remove',
  'tasks.recover',
  'source.list',
  'source.import',
  'source.export',
  'source.setEnabled',
  'source.remove',
  'source.test',
  'subscription.add',
  'subscription.list',
  'subscription.refresh',
  'subscription.remove',
  'settings.get',
  'settings.set',
  'health',
  'task.log',
  'diagnostics',
  'page.detected',
  'page.get',
  'library.list',
  'library.follow',
  'library.check',
  'library.update',
  'library.free',
  'library.continue',
] as const satisfies readonly RequestType[];
const _everyRequestType: Exclude<RequestType, (typeof REQUEST_TYPES)[number]> extends never ? true : never = true;
void _everyRequestType;

interface Payloads {
  'task.start': { task: Task };
  'task.get': { task: Task };
  'task.list': { tasks: Task[] };
  'task.cancel': { task: Task };
  'task.retry': { task: Task };
  /** The task as it is after the check: running again, or still waiting when the wall stands. */
  'task.resume': { task: Task };
  'task.remove': Record<never, never>;
  'tasks.recover': { recovered: number };
  'source.list': { sources: SourceInfo[] };
  /** `report`: for a legado list, what became of each of its sources. */
  'source.import': { imported: string[]; report?: LegadoImportEntry[] };
  'source.setEnabled': { source: SourceInfo };
  'source.remove': Record<never, never>;
  'source.export': { source: LegadoBookSource };
  'source.test': SourceTestReport;
  'subscription.add': { subscription: Subscription };
  'subscription.list': { subscriptions: Subscription[] };
  'subscription.refresh': { subscription: Subscription };
  /** `deleted`: the sources deleted with it; `kept`: those left as the reader's own (edited, or used by a download). */
  'subscription.remove': { deleted: string[]; kept: string[] };
  'settings.get': { settings: Settings };
  'settings.set': { settings: Settings };
  health: Health;
  'task.log': { events: TaskEvent[] };
  diagnostics: Diagnostics;
  /** `needHtml`: the URL belongs to a source's site, send again with `html`. */
  'page.detected': { page: PageInfo | null; needHtml?: boolean };
  'page.get': { page: PageInfo | null };
  'library.list': { books: LibraryBook[]; storedBytes: number };
  'library.follow': { book: LibraryBook };
  'library.check': { checks: Array<{ bookId: string } & BookCheck> };
  'library.update': { task: Task };
  'library.free': { book: LibraryBook };
  /** `held`: chapters of the file found in the site's contents, which will not be fetched. */
  'library.continue': { task: Task; held: number };
}

/** What the generic reader doubts about a page it read without a rule (lib/generic-reader/assess.ts). */
export const DOUBTS = [
  /** The chapters' names and addresses disagree about which way the list runs. */
  'order-conflict',
  /** Nothing on the page tells which way the list runs. */
  'order-unknown',
  /** The list was turned around on the word of a single pair of chapters. */
  'order-weak',
  /** Only the newest chapters are listed here. */
  'latest-only',
  /** The list starts mid-book and nothing says where the rest is. */
  'starts-mid-book',
  /** The names carry no chapter numbers: the list was found by its layout alone. */
  'unnumbered',
  /** Many links of the list did not read like chapters and were left out. */
  'mixed',
  /** Very few chapters. */
  'few-chapters',
] as const;
export type Doubt = (typeof DOUBTS)[number];

/** How sure the generic reader is of a page, and what it would download: what the popup confirms. */
export interface PageReading {
  /** 0–1; below CONFIRM_BELOW (lib/detect/limits.ts) the popup asks before anything downloads. */
  confidence: number;
  doubts: Doubt[];
  /** The first and last chapter's names, in the order the download would take them. */
  first?: string;
  last?: string;
  /** Which way the page lists its chapters, as the reader decided. */
  order?: 'asc' | 'desc';
  /** The page the reader would read the whole list from, when it is not this one. */
  tocUrl?: string;
}

/**
 * What a web page is, as the toolbar button and the popup show it: a book page of an enabled
 * source (or a book page whose list the generic reader found elsewhere), an unknown site's table
 * of contents the generic reader can download, or neither. `chapters` counts the chapters listed
 * on the page itself (0: the list is on another page). `reading` is the generic reader's own
 * view of the page; a source's rule is trusted and has none.
 */
export type PageInfo =
  | {
      kind: 'book';
      url: string;
      sourceId: string;
      title: string;
      author?: string;
      chapters: number;
      reading?: PageReading;
    }
  | {
      kind: 'toc';
      url: string;
      sourceId: 'generic';
      title: string;
      author?: string;
      chapters: number;
      reading?: PageReading;
    }
  | { kind: 'none'; url: string };

/**
 * Sent by the content script once a page has loaded. The worker answers from the URL alone when
 * it can; `html` (the page's markup) comes along when the page has many chapter-like links, or
 * on a second try when the worker asked for it.
 */
export interface PageDetected {
  type: 'page.detected';
  url: string;
  html?: string;
}

/** How the scheduler treats one site right now (diagnostics). */
export interface HostReport {
  active: number;
  queued: number;
  /** The configured limit, lowered while the host is throttling us. */
  effectiveConcurrency: number;
  /** Epoch ms, or null when the host is not paused. */
  pausedUntil: number | null;
  /** The gap between request starts this host has taught us, on top of the configured delay. */
  learnedDelayMs: number;
}

/** Everything the options page's diagnostics section shows, and what "Export diagnostics" saves. */
export interface Diagnostics {
  generatedAt: number;
  health: Health;
  settings: Settings;
  tasks: Array<Task & { live: boolean; heartbeatAgeMs: number | null; events: TaskEvent[] }>;
  hosts: Record<string, HostReport>;
}

export type Payload<T extends RequestType> = Payloads[T];
export type Failure = { ok: false; error: ErrorInfo };
export type Response<T extends RequestType> = ({ ok: true } & Payload<T>) | Failure;

/** Pushed on a port named `tasks`. */
export const TASKS_PORT = 'tasks';
export type PortMessage = { type: 'task.updated'; task: Task } | { type: 'task.removed'; taskId: string };
/** Also pushed on the `tasks` port, for the library. */
export type LibraryPortMessage =
  | { type: 'library.updated'; book: LibraryBook }
  /** A check found new chapters of a book (its row changes by `library.updated` too). */
  | { type: 'chapters.found'; bookId: string; title: string; chapters: number };

/**
 * The rule builder (docs/contract.md §10). Its panel is an extension page in an iframe of the
 * web page; the picker, a content script the popup injects, only outlines and reports clicks.
 * The panel connects to the picker with `tabs.connect(tabId, { frameId: 0, name })`, the name
 * `RULE_BUILDER_PORT:<nonce>` carrying the nonce the picker put in the panel's address, so a
 * panel talks to its own picker only and nothing on the page can speak on the port.
 */
export const RULE_BUILDER_PORT = 'rule-builder';

/** What the reader picks: the book's title, author and one chapter link; a chapter's text and its next-page link. */
export const RULE_FIELDS = ['title', 'author', 'chapters', 'content', 'next'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

/** Element child indexes from `<html>` down: where a picked or outlined element sits. */
export type ElementPath = number[];

/** From the picker to the panel. `html` is the page as the browser serialised it, at most MAX_SNAPSHOT characters. */
export type PickerMessage =
  | { type: 'snapshot'; url: string; html: string }
  | { type: 'snapshot.tooLarge'; url: string; size: number }
  /** A click the user made (never a script's) on the element at `path`, whose tag is `tag`. */
  | { type: 'picked'; field: RuleField; path: ElementPath; tag: string; url: string; html: string }
  /** The user pressed Escape while picking. */
  | { type: 'pick.stopped' };

/** From the panel to the picker. Texts are shown as text, never as markup. */
export type PanelMessage =
  | { type: 'pick'; field: RuleField; prompt: string }
  | { type: 'pick.stop' }
  /** Outline these elements (what the field being edited catches); an empty list clears them. */
  | { type: 'outline'; paths: ElementPath[] }
  | { type: 'close' };
