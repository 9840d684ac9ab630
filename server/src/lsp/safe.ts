import { LSPErrorCodes, ResponseError, type Message, type ResponseMessage } from 'vscode-languageserver';
import type { ServerContext } from './context';

/**
 * Wraps a handler so that a bug or bad input answers with a fallback and a log line instead of
 * taking the server (and every open editor's analysis) down. A request the client has already
 * cancelled (typically because the user typed on: its answer would be for stale text) is not
 * computed at all and answers RequestCancelled.
 */
export function safe<P extends unknown[], R>(
  ctx: ServerContext,
  name: string,
  fallback: R,
  fn: (...args: P) => R,
): (...args: P) => R {
  return (...args: P): R => {
    if (args.some(isCancelledToken))
      return new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`) as unknown as R;
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

function isCancelledToken(arg: unknown): boolean {
  return (
    typeof arg === 'object' &&
    arg !== null &&
    (arg as { isCancellationRequested?: unknown }).isCancellationRequested === true
  );
}

/**
 * A request cancelled while still queued (the editor moved on: the user typed again) is answered
 * RequestCancelled without running, so a burst of edits never queues stale completions.
 */
export function cancelUndispatched(message: Message): ResponseMessage | undefined {
  const id = (message as { id?: number | string | null }).id;
  if (id === undefined) return undefined;
  return { jsonrpc: '2.0', id, error: { code: LSPErrorCodes.RequestCancelled, message: 'cancelled before it ran' } };
}

/**
 * A request that reads the index: when "ready" came before the index was loaded (a warm reopen
 * publishes the cached diagnostics first), it is answered once the index is loaded.
 */
export function afterIndex<P extends unknown[], R>(
  ctx: ServerContext,
  fn: (...args: P) => R,
): (...args: P) => R | Promise<R> {
  return (...args: P) => {
    const loading = ctx.host?.indexLoading;
    return loading ? loading.then((): R => fn(...args)) : fn(...args);
  };
}

/** A request handler that reads the index: safe, and answered once the index is loaded. */
export function indexRequest<P extends unknown[], R>(
  ctx: ServerContext,
  name: string,
  fallback: R,
  fn: (...args: P) => R,
): (...args: P) => R | Promise<R> {
  return safe(ctx, name, fallback, afterIndex(ctx, fn));
}
