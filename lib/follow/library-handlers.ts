// The library's messages, answered for the service's handler map (lib/service/service.ts).
import type { Payload, RequestOf } from '../contract';
import { AppError } from '../errors';
import { continueFromFile, type ContinueDeps } from './continue-from-file';
import type { Library } from './library';

export type LibraryRequestType =
  'library.list' | 'library.follow' | 'library.check' | 'library.update' | 'library.free' | 'library.continue';
type LibraryHandlers = { [T in LibraryRequestType]: (request: RequestOf<T>) => Promise<Payload<T>> };

/** `get` is called per message, so the handlers can be made before the library is. */
export function libraryHandlers(get: () => { library: Library; continueDeps: ContinueDeps }): LibraryHandlers {
  const library = () => get().library;
  return {
    'library.list': () => library().list(),
    'library.follow': async (request) => ({ book: await library().follow(request.bookId, request.followed) }),
    'library.check': async (request) => {
      if (request.bookId !== undefined && typeof request.bookId !== 'string')
        throw new AppError('invalid_message', '"bookId" must be a book id, or left out to check every followed book.');
      return { checks: await library().check(request.bookId) };
    },
    'library.update': async (request) => ({ task: await library().update(request.bookId) }),
    'library.free': async (request) => ({ book: await library().free(request.bookId) }),
    'library.continue': (request) => continueFromFile(get().continueDeps, request),
  };
}
