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

  take<T>(work: () => Promise<T> | T): Promise<T> {
    const turn = this.last.then(async () => {
      const started = this.now();
      try {
        return await work();
      } finally {
        await this.rest(this.now() - started);
      }
    });
    this.last = turn.catch(() => undefined);
    return turn;
  }
}
