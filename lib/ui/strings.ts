// Every sentence the popup, the options page and the toolbar button show, in the words of the
// browser's language. The words live in public/_locales/<lang>/messages.json; this file gives
// them a shape (plurals, arguments) so the UI code reads `strings.savedAs(name)`.
//
// Sentences that come from the worker (task errors, refused input) are shown as the worker
// wrote them, in English.
import type {
  Doubt,
  ErrorCode,
  LegadoIssueCode,
  RuleField,
  Settings,
  SubscriptionChange,
  SubscriptionIssueCode,
  TaskStatus,
} from '../contract';
import type { ChoiceKey } from './options/settings-form';
import { keyTranslate, type MessageKey, type Translate } from './i18n';
import { createLibraryStrings } from './library-strings';

export function createStrings(t: Translate) {
  /** "1 chapter" / "N chapters": Chrome's messages have no plurals, so two messages. */
  const counted = (one: MessageKey, many: MessageKey) => (count: number) => (count === 1 ? t(one) : t(many, [count]));
  const chapterCount = counted('chapterCountOne', 'chapterCountMany');
  const field = (label: MessageKey, help: MessageKey) => ({ label: t(label), help: t(help) });

  return {
    appTitle: t('appName'),
    /** The `lang` of the pages: the language the messages are in. */
    htmlLang: t('htmlLang'),

    // Start form
    startHeading: t('startHeading'),
    startHeadingManual: t('startHeadingManual'),
    urlLabelTab: t('urlLabelTab'),
    urlLabelManual: t('urlLabelManual'),
    urlPlaceholder: t('urlPlaceholder'),
    formatLabel: t('formatLabel'),
    formatEpub: t('formatEpub'),
    formatTxt: t('formatTxt'),
    downloadButton: t('downloadButton'),
    downloadingButton: t('downloadingButton'),
    rangeLabel: t('rangeLabel'),
    rangeFrom: t('rangeFrom'),
    rangeTo: t('rangeTo'),
    rangeLast: t('rangeLast'),
    rangeOf: (chapters: number) => t('rangeOf', [chapters]),
    rangeHelp: t('rangeHelp'),
    rangeNotNumber: (label: string) => t('rangeNotNumber', [label]),
    rangeReversed: (from: number, to: number) => t('rangeReversed', [from, to]),
    rangeTooHigh: (chapters: number, chapter: number) => t('rangeTooHigh', [chapters, chapter]),
    /** A task's range as its row shows it: "chapters 5–10", "from chapter 5", "chapters 1–10". */
    taskRange: (from: number | undefined, to: number | undefined) =>
      to === undefined ? t('taskRangeFrom', [from ?? 1]) : t('taskRange', [from ?? 1, to]),

    // Task list
    tasksHeading: t('tasksHeading'),
    noTasks: t('noTasks'),
    loadingTasks: t('loadingTasks'),
    reconnecting: t('reconnecting'),
    cancelButton: t('cancelButton'),
    retryButton: t('retryButton'),
    retryMissingButton: t('retryMissingButton'),
    removeButton: t('removeButton'),
    showInFolderButton: t('showInFolderButton'),
    openFileButton: t('openFileButton'),
    fileMissing: t('fileMissing'),
    openSiteLink: t('openSiteLink'),
    openDiagnosticsLink: t('openDiagnosticsLink'),
    clearFinishedButton: t('clearFinishedButton'),
    clearFinishedHelp: t('clearFinishedHelp'),
    progressLabel: t('progressLabel'),
    readingToc: t('readingToc'),
    waiting: t('waiting'),

    status: {
      queued: t('statusQueued'),
      running: t('statusRunning'),
      waiting: t('statusWaiting'),
      completed: t('statusCompleted'),
      failed: t('statusFailed'),
      cancelled: t('statusCancelled'),
    } satisfies Record<TaskStatus, string>,

    byAuthor: (author: string) => t('byAuthor', [author]),
    chapterCount,
    chapters: (completed: number, total: number, percent: number) => t('chaptersProgress', [completed, total, percent]),
    chaptersWithMissing: (completed: number, total: number, missing: number, percent: number) =>
      t('chaptersProgressMissing', [completed, total, missing, percent]),
    failedChapters: counted('failedChaptersOne', 'failedChaptersMany'),
    lockedChapters: counted('lockedChaptersOne', 'lockedChaptersMany'),

    // A task waiting for the reader to get past a wall on a site (challenge or sign-in)
    wall: {
      challenge: (title: string, host: string) => t('wallChallenge', [title, host]),
      login: (title: string, host: string) => t('wallLogin', [title, host]),
      openButton: (host: string) => t('wallOpenButton', [host]),
      resumeButton: t('wallResumeButton'),
      until: (time: string) => t('wallUntil', [time]),
      others: counted('wallOthersOne', 'wallOthersMany'),
    },
    savedAs: (fileName: string) => t('savedAs', [fileName]),
    /** What a limit cut from a book (a task's warnings). */
    cut: {
      tocPages: (pages: number) => t('cutTocPages', [pages]),
      chapterPages: (count: number, pages: number) =>
        count === 1 ? t('cutChapterPagesOne', [pages]) : t('cutChapterPagesMany', [count, pages]),
    },
    warning: (message: string) => t('warning', [message]),
    unknownError: t('unknownError'),
    speed: (perMinute: string) => t('speedPerMinute', [perMinute]),
    timeLeftUnderMinute: t('timeLeftUnderMinute'),
    timeLeftMinutes: (minutes: number) => t('timeLeftMinutes', [minutes]),
    timeLeftHours: (hours: number, minutes: number) => t('timeLeftHours', [hours, minutes]),

    /** A failed task's error in a few words, before the worker's own sentence. */
    errorKind: {
      network: t('errorNetwork'),
      http_status: t('errorHttpStatus'),
      timeout: t('errorTimeout'),
      parse: t('errorParse'),
      interrupted: t('errorInterrupted'),
      storage: t('errorStorage'),
      permission: t('errorPermission'),
      challenge: t('errorChallenge'),
      login_required: t('errorLoginRequired'),
      locked: t('errorLocked'),
      file: t('errorFile'),
      too_large: t('errorTooLarge'),
      forbidden: t('errorForbidden'),
      off_site: t('errorOffSite'),
    } satisfies Partial<Record<ErrorCode, string>> as Partial<Record<ErrorCode, string>>,
    errorOther: t('errorOther'),

    // Popup: a book detected in the active tab (entrypoints/content.ts)
    detectedHeading: t('detectedHeading'),
    detectedOffer: (title: string, chapters: number) =>
      chapters > 0 ? t('detectedOffer', [title, chapterCount(chapters)]) : t('detectedOfferNoCount', [title]),
    detectedGeneric: t('detectedGeneric'),

    // Popup: a page the generic reader doubts, confirmed before anything downloads (entrypoints/popup/confirm-book.tsx)
    confirm: {
      heading: t('confirmHeading'),
      intro: t('confirmIntro'),
      book: (title: string, chapters: number) =>
        chapters > 0 ? t('confirmBook', [title, chapterCount(chapters)]) : t('confirmBookNoCount', [title]),
      first: (name: string) => t('confirmFirst', [name]),
      last: (name: string) => t('confirmLast', [name]),
      listFrom: (url: string) => t('confirmListFrom', [url]),
      doubts: {
        'order-conflict': t('doubtOrderConflict'),
        'order-unknown': t('doubtOrderUnknown'),
        'order-weak': t('doubtOrderWeak'),
        'latest-only': t('doubtLatestOnly'),
        'starts-mid-book': t('doubtStartsMidBook'),
        unnumbered: t('doubtUnnumbered'),
        mixed: t('doubtMixed'),
        'few-chapters': t('doubtFewChapters'),
      } satisfies Record<Doubt, string>,
      looksRight: t('confirmLooksRight'),
      reverse: t('confirmReverse'),
      thisPage: t('confirmThisPage'),
      pickLabel: t('confirmPickLabel'),
      pickButton: t('confirmPickButton'),
      confirmed: t('confirmConfirmed'),
      needed: t('confirmNeeded'),
    },

    // The toolbar button's tooltip (lib/ui/toolbar.ts)
    badge: {
      page: (title: string, chapters: number) => t('badgePage', [t('appName'), title, chapterCount(chapters)]),
      pageNoCount: (title: string) => t('badgePageNoCount', [t('appName'), title]),
      downloading: (title: string, done: number, total: number) => t('badgeDownloading', [title, done, total]),
      readingToc: (title: string) => t('badgeReadingToc', [title]),
      downloadingMany: (count: number, percent: number) => t('badgeDownloadingMany', [count, percent]),
      line: (title: string, done: number, total: number) => t('badgeLine', [title, done, total]),
      lineToc: (title: string) => t('badgeLineToc', [title]),
      queued: (count: number) => t('badgeQueued', [count]),
      waiting: (host: string) => t('badgeWaiting', [host]),
    },

    // Notifications (entrypoints/background/notify-finished.ts)
    notify: {
      completedTitle: t('notifyCompletedTitle'),
      completed: (title: string, chapters: number, fileName: string) =>
        t('notifyCompleted', [title, chapterCount(chapters), fileName]),
      completedNoFile: (title: string, chapters: number) => t('notifyCompletedNoFile', [title, chapterCount(chapters)]),
      failedTitle: t('notifyFailedTitle'),
      failed: (title: string, error: string) => t('notifyFailed', [title, error]),
      waitingTitle: t('notifyWaitingTitle'),
    },

    // Popup: making a rule for the page's site (entrypoints/rule-builder)
    makeRuleButton: t('makeRuleButton'),
    makeRuleHelp: t('makeRuleHelp'),
    makeRuleNoPage: t('makeRuleNoPage'),
    makeRuleFailed: (detail: string) => t('makeRuleFailed', [detail]),

    // The rule builder's panel (entrypoints/rule-builder)
    ruleBuilder: {
      title: t('ruleBuilderTitle'),
      intro: t('ruleBuilderIntro'),
      connecting: t('ruleBuilderConnecting'),
      stage: { book: t('ruleStageBook'), chapter: t('ruleStageChapter') },
      fields: {
        title: t('ruleFieldTitle'),
        author: t('ruleFieldAuthor'),
        chapters: t('ruleFieldChapters'),
        content: t('ruleFieldContent'),
        next: t('ruleFieldNext'),
      } satisfies Record<RuleField, string>,
      prompts: {
        title: t('rulePromptTitle'),
        author: t('rulePromptAuthor'),
        chapters: t('rulePromptChapters'),
        content: t('rulePromptContent'),
        next: t('rulePromptNext'),
      } satisfies Record<RuleField, string>,
      pick: t('rulePickButton'),
      picking: t('rulePickingButton'),
      narrower: t('ruleNarrowerButton'),
      wider: t('ruleWiderButton'),
      selectorLabel: (field: string) => t('ruleSelectorLabel', [field]),
      fromGeneric: t('ruleFromGeneric'),
      optional: t('ruleOptional'),
      catchesNothing: t('ruleCatchesNothing'),
      caughtText: (text: string) => t('ruleCaughtText', [text]),
      caughtChapters: (count: number, first: string, last: string) =>
        t('ruleCaughtChapters', [chapterCount(count), first, last]),
      caughtLength: (characters: number) => t('ruleCaughtLength', [characters]),
      caughtNext: (url: string) => t('ruleCaughtNext', [url]),
      noNextPage: t('ruleNoNextPage'),
      newestFirst: t('ruleNewestFirst'),
      looksRightBook: t('ruleLooksRightBook'),
      backToBook: t('ruleBackToBook'),
      startHere: t('ruleStartHere'),
      stillToPick: (fields: string) => t('ruleStillToPick', [fields]),
      test: t('ruleTestButton'),
      testing: t('ruleTesting'),
      testRead: (title: string, author: string, chapters: number) =>
        author
          ? t('ruleTestRead', [title, author, chapterCount(chapters)])
          : t('ruleTestReadNoAuthor', [title, chapterCount(chapters)]),
      sampleHeading: (number: number, title: string) => t('ruleSampleHeading', [number, title]),
      sampleFailed: (error: string) => t('ruleSampleFailed', [error]),
      save: t('ruleSaveButton'),
      saving: t('ruleSaving'),
      saved: (id: string) => t('ruleSaved', [id]),
      download: t('ruleDownloadButton'),
      downloadStarted: (title: string) => t('ruleDownloadStarted', [title]),
      close: t('ruleCloseButton'),
      pageTooLarge: (characters: number) => t('rulePageTooLarge', [characters]),
      pickMissed: (field: string) => t('rulePickMissed', [field]),
      pageChanged: t('rulePageChanged'),
    },

    // Options page (entrypoints/options)
    options: {
      pageTitle: t('optPageTitle'),
      navLabel: t('optNavLabel'),
      sections: {
        library: t('libraryHeading'),
        settings: t('optSectionSettings'),
        sources: t('optSectionSources'),
        diagnostics: t('optSectionDiagnostics'),
      },
      loading: t('optLoading'),

      // Settings
      settingsIntro: t('optSettingsIntro'),
      fields: {
        defaultFormat: field('optDefaultFormatLabel', 'optDefaultFormatHelp'),
        concurrency: field('optConcurrencyLabel', 'optConcurrencyHelp'),
        delayMs: field('optDelayLabel', 'optDelayHelp'),
        requestTimeoutMs: field('optTimeoutLabel', 'optTimeoutHelp'),
        maxAttempts: field('optAttemptsLabel', 'optAttemptsHelp'),
        maxRunningTasks: field('optRunningTasksLabel', 'optRunningTasksHelp'),
        watchdogPeriodSeconds: field('optWatchdogLabel', 'optWatchdogHelp'),
        maxTaskMinutes: field('optTaskMinutesLabel', 'optTaskMinutesHelp'),
        maxFailedChapterPercent: field('optFailedPercentLabel', 'optFailedPercentHelp'),
        notifications: field('optNotificationsLabel', 'optNotificationsHelp'),
        checkUpdatesHours: field('optCheckUpdatesLabel', 'optCheckUpdatesHelp'),
        updateMode: field('optUpdateModeLabel', 'optUpdateModeHelp'),
        splitMode: field('optSplitModeLabel', 'optSplitModeHelp'),
        splitChapters: field('optSplitChaptersLabel', 'optSplitChaptersHelp'),
        challengeWaitMinutes: field('optChallengeWaitLabel', 'optChallengeWaitHelp'),
        maxPageMB: field('optMaxPageLabel', 'optMaxPageHelp'),
        subscriptionRefreshHours: field('optSubscriptionHoursLabel', 'optSubscriptionHoursHelp'),
      } satisfies Record<keyof Settings, { label: string; help: string }>,
      notificationsCheckbox: t('optNotificationsCheckbox'),
      /** The words of each choice of the settings chosen from a list. */
      choices: {
        defaultFormat: { epub: t('formatEpub'), txt: t('formatTxt') },
        updateMode: { whole: t('optUpdateModeWhole'), part: t('optUpdateModePart') },
        splitMode: { none: t('optSplitNone'), volume: t('optSplitVolume'), chapters: t('optSplitChapters') },
      } satisfies { [K in ChoiceKey]: Record<Settings[K], string> },
      saveButton: t('optSave'),
      savingButton: t('optSaving'),
      saved: t('optSaved'),
      noChanges: t('optNoChanges'),
      notANumber: (label: string) => t('optNotANumber', [label]),

      // Sources
      sourcesIntro: t('optSourcesIntro'),
      noSources: t('optNoSources'),
      builtIn: t('optBuiltIn'),
      imported: t('optImported'),
      enabledLabel: t('optEnabled'),
      selectSource: (name: string) => t('optSelectSource', [name]),
      matchesLabel: t('optMatches'),
      exportAll: t('optExportAll'),
      exportSelected: (count: number) => t('optExportSelected', [count]),
      deleteButton: t('optDelete'),
      deleteConfirm: (name: string) => t('optDeleteConfirm', [name]),
      deleted: (name: string) => t('optDeleted', [name]),
      importHeading: t('optImportHeading'),
      importFileLabel: t('optImportFileLabel'),
      importPasteLabel: t('optImportPasteLabel'),
      importButton: t('optImport'),
      importingButton: t('optImporting'),
      importDone: (ids: string[]) =>
        ids.length === 1 ? t('optImportDoneOne', [ids[0]!]) : t('optImportDoneMany', [ids.length, ids.join(', ')]),
      importEmpty: t('optImportEmpty'),
      importEmptyList: t('optImportEmptyList'),
      importNotJson: (detail: string) => t('optImportNotJson', [detail]),
      importNotObject: t('optImportNotObject'),
      importItemNotObject: (position: number) => t('optImportItemNotObject', [position]),
      importFileUnreadable: (name: string) => t('optImportFileUnreadable', [name]),
      legadoReportHeading: (imported: number, total: number) => t('optLegadoReportHeading', [imported, total]),
      legadoNoneImported: t('optLegadoNoneImported'),
      legadoImportedAs: (id: string) => t('optLegadoImportedAs', [id]),
      legadoSkipped: t('optLegadoSkipped'),
      legadoNotes: t('optLegadoNotes'),
      /** Why a legado source was skipped, after the field's name. */
      legadoReasons: {
        javascript: t('optLegadoReasonJavascript'),
        template: t('optLegadoReasonTemplate'),
        variables: t('optLegadoReasonVariables'),
        'json-path': t('optLegadoReasonJsonPath'),
        'regex-list': t('optLegadoReasonRegexList'),
        'web-view': t('optLegadoReasonWebView'),
        request: t('optLegadoReasonRequest'),
        unsupported: t('optLegadoReasonUnsupported'),
        missing: t('optLegadoReasonMissing'),
        'not-text': t('optLegadoReasonNotText'),
        invalid: t('optLegadoReasonInvalid'),
        duplicate: t('optLegadoReasonDuplicate'),
        'not-a-source': t('optLegadoReasonNotASource'),
      } satisfies Record<LegadoIssueCode, string>,
      exportLegado: t('optExportLegado'),
      exportLegadoLabel: (name: string) => t('optExportLegadoLabel', [name]),
      // Subscriptions
      subscriptionsHeading: t('optSubscriptionsHeading'),
      subscriptionsIntro: t('optSubscriptionsIntro'),
      subscribeUrlLabel: t('optSubscribeUrlLabel'),
      subscribeButton: t('optSubscribe'),
      subscribingButton: t('optSubscribing'),
      subscribeEmpty: t('optSubscribeEmpty'),
      subscribedTo: (url: string) => t('optSubscribedTo', [url]),
      noSubscriptions: t('optNoSubscriptions'),
      subscriptionSources: counted('optSubscriptionSourcesOne', 'optSubscriptionSourcesMany'),
      subscriptionEdited: (count: number) => t('optSubscriptionEdited', [count]),
      subscriptionDeleted: (count: number) => t('optSubscriptionDeleted', [count]),
      subscriptionRetired: (count: number) => t('optSubscriptionRetired', [count]),
      subscriptionRefreshed: (when: string) => t('optSubscriptionRefreshed', [when]),
      subscriptionFailed: (when: string, message: string) => t('optSubscriptionFailed', [when, message]),
      refreshNow: t('optRefreshNow'),
      refreshing: t('optRefreshing'),
      unsubscribe: t('optUnsubscribe'),
      unsubscribeConfirm: (url: string) => t('optUnsubscribeConfirm', [url]),
      unsubscribed: (url: string, deleted: number, kept: number) => t('optUnsubscribed', [url, deleted, kept]),
      changesHeading: t('optChangesHeading'),
      noListChanges: t('optNoListChanges'),
      /** What a refresh did to an entry; `kept` depends on what the reader did here. */
      changeKinds: {
        added: t('optChangeAdded'),
        changed: t('optChangeChanged'),
        removed: t('optChangeRemoved'),
        retired: t('optChangeRetired'),
        released: t('optChangeReleased'),
        kept: t('optChangeKeptEdited'),
        skipped: t('optChangeSkipped'),
      } satisfies Record<SubscriptionChange['kind'], string>,
      changeKeptDeleted: t('optChangeKeptDeleted'),
      entry: (index: number) => t('optEntry', [index]),
      /** Why a subscribed entry was skipped, after the field's name (legado's reasons, and the list's own). */
      subscriptionReasons: {
        'built-in': t('optReasonBuiltIn'),
        taken: t('optReasonTaken'),
      } satisfies Record<Exclude<SubscriptionIssueCode, LegadoIssueCode>, string>,
      subscribedBadge: t('optSubscribedBadge'),
      subscribedTitle: (url: string) => t('optSubscribedTitle', [url]),
      editedBadge: t('optEditedBadge'),
      editedTitle: (url: string) => t('optEditedTitle', [url]),
      retiredBadge: t('optRetiredBadge'),
      retiredTitle: (url: string) => t('optRetiredTitle', [url]),

      testHeading: t('optTestHeading'),
      testUrlLabel: t('optTestUrlLabel'),
      testButton: t('optTest'),
      testingButton: t('optTesting'),
      testNothing: t('optTestNothing'),
      testSourceLabel: t('optTestSourceLabel'),
      testAuto: t('optTestAuto'),
      testPasted: t('optTestPasted'),
      testRowButton: t('optTest'),
      testIntro: t('optTestIntro'),
      testReadBy: (id: string) => t('optTestReadBy', [id]),
      testFieldColumn: t('optTestFieldColumn'),
      testSelectorColumn: t('optTestSelectorColumn'),
      testFoundColumn: t('optTestFoundColumn'),
      testFields: {
        title: t('optTestFieldTitle'),
        author: t('optTestFieldAuthor'),
        cover: t('optTestFieldCover'),
        intro: t('optTestFieldIntro'),
        chapters: t('optTestFieldChapters'),
        chapterTitle: t('optTestFieldChapterTitle'),
        content: t('optTestFieldContent'),
      },
      testChapterCount: chapterCount,
      testCharacters: counted('optCharactersOne', 'optCharactersMany'),
      testFirstChapters: t('optTestFirstChapters'),
      testFirstChapterText: t('optTestFirstChapterText'),
      testLiveHint: t('optTestLiveHint'),
      testCheckPassed: (url: string) => t('optTestCheckPassed', [url]),
      testCheckFailed: (url: string) => t('optTestCheckFailed', [url]),

      // Diagnostics
      diagnosticsIntro: t('optDiagnosticsIntro'),
      health: {
        running: t('optHealthRunning'),
        queued: t('optHealthQueued'),
        waiting: t('optHealthWaiting'),
        liveRunners: t('optHealthLiveRunners'),
        watchdogAt: t('optHealthWatchdogAt'),
        recoveredTotal: t('optHealthRecoveredTotal'),
        tasks: t('optHealthTasks'),
      },
      recoverButton: t('optRecover'),
      recoveringButton: t('optRecovering'),
      recovered: counted('optRecoveredOne', 'optRecoveredMany'),
      exportDiagnostics: t('optExportDiagnostics'),
      noTaskRows: t('optNoTaskRows'),
      columns: {
        status: t('optColumnStatus'),
        book: t('optColumnBook'),
        progress: t('optColumnProgress'),
        heartbeat: t('optColumnHeartbeat'),
        tries: t('optColumnTries'),
        resumes: t('optColumnResumes'),
        log: t('optColumnLog'),
      },
      showLog: t('optShowLog'),
      hideLog: t('optHideLog'),
      logFor: (name: string) => t('optLogFor', [name]),
      noEvents: t('optNoEvents'),
      notLive: t('optNotLive'),
      heartbeatWarning: t('optHeartbeatWarning'),
      heartbeatCritical: t('optHeartbeatCritical'),
      level: { info: t('optLevelInfo'), warn: t('optLevelWarn'), error: t('optLevelError') },
      never: t('optNever'),
      justNow: t('optJustNow'),
      ago: (duration: string) => t('optAgo', [duration]),
      seconds: (n: number) => t('optSeconds', [n]),
      minutes: (n: number) => t('optMinutes', [n]),
      hours: (n: number) => t('optHours', [n]),
      days: (n: number) => t('optDays', [n]),
      dash: '—',
    },

    library: createLibraryStrings(t),
  };
}

export type Strings = ReturnType<typeof createStrings>;

/**
 * The words of the page's language. A live binding: each page calls `setTranslate` once, first
 * thing, and every later read sees its words (read `strings` when rendering, not at import).
 */
export let strings: Strings = createStrings(keyTranslate);

export function setTranslate(translate: Translate): void {
  strings = createStrings(translate);
}
