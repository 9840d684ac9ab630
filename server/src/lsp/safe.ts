import type { ServerContext } from './context';

/**
 * Wraps a handler so that a bug or bad input answers with a fallback and a log line instead of
 * taking the server (and every open editor's analysis) down.
 */
export function safe<P extends unknown[], R>(ctx: ServerContext, name: string, fallback: R, fn: (...args: P) => R): (...args: P) => R {
  return (...args: P): R => {
    try {
      const result = fn(...args);
      if (result instanceof Promise) {
        return result.catch((e: unknown) => {
          ctx.log(`${name} failed: ${(e as Error)?.stack ?? String(e)}`);
          return fallback;
        }) as R;
      }
      return result;
    } catch (e) {
      ctx.log(`${name} failed: ${(e as Error)?.stack ?? String(e)}`);
      return fallback;
    }
  };
}
