import type { ErrorCode, ErrorInfo } from './contract';

/** The one error type the engine throws: a contract code plus a sentence for the user. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

/** Turns anything thrown into a contract error, keeping the original text for the user. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof AppError) return error.toInfo();
  if (error instanceof Error && error.name === 'QuotaExceededError') {
    return {
      code: 'storage',
      message: `The browser refused to store more data (${error.message}). Free disk space, then retry.`,
    };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Unexpected error: ${text}` };
}
