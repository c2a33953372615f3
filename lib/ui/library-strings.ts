// The library's words (popup tab and options section, and the new-chapters notification), in
// the browser's language; part of `strings` (lib/ui/strings.ts) as `strings.library`.
import type { MessageKey, Translate } from './i18n';

export function createLibraryStrings(t: Translate) {
  const counted = (one: MessageKey, many: MessageKey) => (count: number) => (count === 1 ? t(one) : t(many, [count]));
  return {
    heading: t('libraryHeading'),
    intro: t('libraryIntro'),
    empty: t('libraryEmpty'),
    loading: t('libraryLoading'),
    follow: t('libraryFollow'),
    followHelp: (hours: number) => t('libraryFollowHelp', [hours]),
    followOff: t('libraryFollowOff'),
    askFollow: (title: string) => t('libraryAskFollow', [title]),
    askYes: t('libraryAskYes'),
    askNo: t('libraryAskNo'),
    neverChecked: t('libraryNeverChecked'),
    checked: (when: string) => t('libraryChecked', [when]),
    newChapters: counted('libraryNewOne', 'libraryNewMany'),
    noNewChapters: t('libraryNoNew'),
    removedKept: (count: number) => t('libraryRemovedKept', [count]),
    checkFailed: (message: string) => t('libraryCheckFailed', [message]),
    checkButton: t('libraryCheckButton'),
    checkAllButton: t('libraryCheckAllButton'),
    checking: t('libraryChecking'),
    updateButton: t('libraryUpdateButton'),
    updating: t('libraryUpdating'),
    file: (name: string) => t('libraryFile', [name]),
    noFile: t('libraryNoFile'),
    stored: (size: string) => t('libraryStored', [size]),
    storedTotal: (size: string) => t('libraryStoredTotal', [size]),
    freeButton: t('libraryFreeButton'),
    freeConfirm: (title: string) => t('libraryFreeConfirm', [title]),
    freed: t('libraryFreed'),
    continueHeading: t('libraryContinueHeading'),
    continueHelp: t('libraryContinueHelp'),
    continueButton: t('libraryContinueButton'),
    continueReading: (fileName: string) => t('libraryContinueReading', [fileName]),
    continueStarted: (title: string, held: number) => t('libraryContinueStarted', [title, held]),
    notify: {
      title: t('notifyNewChaptersTitle'),
      newChapters: (title: string, count: number) =>
        count === 1 ? t('notifyNewChaptersOne', [title]) : t('notifyNewChaptersMany', [title, count]),
    },
  };
}
