import type { WaitKind } from '../contract';
import { AppError } from '../errors';
import { challengePageMessage, signInPageMessage } from './messages';
import type { Wall } from './walls';

/**
 * A page stood behind a wall the reader must get past in a browser tab: an anti-bot check or a
 * sign-in. Not a failure of the page: the task waits (see lib/contract.ts, `waiting`) instead of
 * retrying, since no retry gets past it.
 */
export class WallError extends AppError {
  constructor(
    readonly kind: WaitKind,
    /** The site's host, port included: every task on it meets the same wall. */
    readonly host: string,
    /** The page to open in a tab: the one that was asked for and answered with the wall. */
    readonly url: string,
    readonly wall: Wall,
  ) {
    super(
      kind === 'login' ? 'login_required' : 'challenge',
      kind === 'login' ? signInPageMessage(url, host) : challengePageMessage(url, wall.by),
    );
    this.name = 'WallError';
  }
}

/** The error for an answer that was a challenge or sign-in wall; `asked` is the page requested. */
export function wallError(wall: Wall & { kind: WaitKind }, asked: string): WallError {
  return new WallError(wall.kind, new URL(asked).host, asked, wall);
}
