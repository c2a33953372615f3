/** At most `burst` at once, refilled at `perMinute`: how often a page may make the extension work. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly burst: number,
    private readonly perMinute: number,
    now: number,
  ) {
    this.tokens = burst;
    this.at = now;
  }

  /** Spends one token if there is one. */
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, now - this.at) * this.perMinute) / 60_000);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
