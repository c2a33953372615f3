import type { ErrorInfo } from './contract';
import type { FilePart } from './file/parts';

/** Messages between the worker and the offscreen document that builds files (not part of docs/contract.md). */
export type OffscreenRequest =
  /** `part`: only these chapters (a split book's part, an update's new chapters); the whole book without. */
  | { target: 'offscreen'; type: 'build-file'; taskId: string; part?: FilePart }
  | { target: 'offscreen'; type: 'revoke'; url: string };

export type BuildFileAnswer =
  { ok: true; url: string; fileName: string; stats: string } | { ok: false; error: ErrorInfo };

export function isOffscreenRequest(message: unknown): message is OffscreenRequest {
  return !!message && typeof message === 'object' && (message as { target?: unknown }).target === 'offscreen';
}
