import type { ErrorInfo } from './contract';

/** Messages between the worker and the offscreen document that builds files (not part of docs/contract.md). */
export type OffscreenRequest =
  | { target: 'offscreen'; type: 'build-file'; taskId: string }
  | { target: 'offscreen'; type: 'revoke'; url: string };

export type BuildFileAnswer = { ok: true; url: string; fileName: string; stats: string } | { ok: false; error: ErrorInfo };

export function isOffscreenRequest(message: unknown): message is OffscreenRequest {
  return !!message && typeof message === 'object' && (message as { target?: unknown }).target === 'offscreen';
}
