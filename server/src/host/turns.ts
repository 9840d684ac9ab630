/** Lets the event loop turn (requests are answered, timers fire) before going on. */
export function nextTurn(): Promise<void> {
  return new Promise<void>(resolve => setImmediate(resolve));
}

/**
 * Slices of time for a long loop on the main thread: after each step, `if (slices.due()) await
 * slices.next()` lets the event loop turn once `ms` have passed since the slice began.
 */
export class TimeSlices {
  private start = performance.now();

  constructor(private readonly ms: number) {}

  /** True when this slice has used up its time. */
  due(): boolean {
    return performance.now() - this.start > this.ms;
  }

  /** Lets the event loop turn, then starts a new slice. */
  async next(): Promise<void> {
    await nextTurn();
    this.start = performance.now();
  }
}
