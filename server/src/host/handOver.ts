import type { DiskInput } from './fileInput';
import { nextTurn } from './turns';

/** Files per call of onBatch: small enough that one call stays well under a slice. */
const PIECE = 8;
/** Longest stretch of indexing worker results between turns of the event loop. */
const SLICE_MS = 8;

/**
 * Hands worker results to the main thread's indexing in pieces of a few files, one slice of time
 * per turn of the event loop. Results of several workers often arrive in the same turn: indexing
 * each whole batch as it came held requests (and timers) for up to 100 ms on the large corpus.
 */
export class HandOver {
  private readonly pieces: DiskInput[][] = [];
  private running: Promise<void> | undefined;
  private failure: { readonly error: unknown } | undefined;

  constructor(
    private readonly onBatch: (inputs: readonly DiskInput[]) => void | Promise<void>,
    private readonly cancelled: () => boolean = () => false,
  ) {}

  /**
   * The first pieces are single files, growing to PIECE: the indexing code is not compiled yet
   * when the first results arrive (and kustomizations, which come first, list many files): the
   * first turns of the large benchmark's index took about 25 ms of CPU with pieces of up to eight.
   */
  private piecesMade = 0;

  push(inputs: readonly DiskInput[]): void {
    for (let i = 0; i < inputs.length;) {
      // One more file per piece every 16 pieces: PIECE after about 500 files.
      const size = Math.min(PIECE, 1 + (this.piecesMade++ >> 4));
      this.pieces.push(inputs.slice(i, i + size));
      i += size;
    }
    this.running ??= this.run().then(
      () => (this.running = undefined),
      (error: unknown) => {
        this.failure = { error };
        this.pieces.length = 0;
        this.running = undefined;
      },
    );
  }

  /** Resolves once everything pushed so far is indexed; rejects with onBatch's error if it threw. */
  async drained(): Promise<void> {
    while (this.running) await this.running;
    if (this.failure) throw this.failure.error;
  }

  private async run(): Promise<void> {
    while (this.pieces.length > 0) {
      // Start in a turn of its own: a result arrives from the port in the same turn as others.
      await nextTurn();
      const start = performance.now();
      do {
        const piece = this.pieces.shift()!;
        if (!this.cancelled()) await this.onBatch(piece);
      } while (this.pieces.length > 0 && performance.now() - start < SLICE_MS);
    }
  }
}
