/**
 * Runs one piece of work at a time and rests after each as long as it took, so work a web page
 * asks for (parsing its markup) takes at most half the worker's time and anything else waits
 * for one piece at most, never for a queue of them.
 */
export class Turns {
  private last: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly rest: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Runs `work` once the previous piece and its rest are over; answers as soon as it is done. */
  take<T>(work: () => Promise<T> | T): Promise<T> {
    let started = 0;
    const turn = this.last.then(() => {
      started = this.now();
      return work();
    });
    this.last = turn.then(
      () => this.rest(this.now() - started),
      () => this.rest(this.now() - started),
    );
    return turn;
  }
}
