// Every storage call goes through here, so a full disk or a broken database reaches the user
// as a `storage` error with a sentence, never as a bare DOMException.
import { AppError } from '../errors';

export async function guard<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw storageError(what, error);
  }
}

export function storageError(what: string, error: unknown): AppError {
  const name = error instanceof Error ? error.name : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError') {
    return new AppError('storage', `The browser has no room left to ${what} (${detail}). Free disk space, then retry.`);
  }
  return new AppError('storage', `Could not ${what} in the browser's storage: ${detail}`);
}
