import { get, items, num } from '../parse/access';
import { ownPair } from './support/edits';
import type { LocalRule } from './types';

/**
 * Fault injection runs in the client proxy's fault filter, before Envoy's router: an injected
 * abort is answered there and never reaches the router (so it is never retried), and an injected
 * delay is spent before the router starts the request (so the route timeout does not bound it).
 * Istio's API says it plainly: "timeouts or retries will not be enabled when faults are enabled
 * on the client side". A route that combines them does not test what it appears to test.
 */
export const rule: LocalRule = {
  id: 'fault-with-retry',
  meta: {
    description:
      'An HTTP route injects faults and also sets retries or a timeout, which do not apply to the injected faults.',
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: false,
    kinds: ['VirtualService'],
    messages: {
      retries:
        "This route injects {fault}, which Envoy's fault filter handles before the router: {effect} Move the fault to a route (or a client) without retries to test retry behaviour.",
      timeout: "This route injects {fault}, which Envoy's fault filter handles before the router: {effect}",
    },
  },
  check(ctx) {
    for (const route of items(get(ctx.node, 'spec', 'http'))) {
      const fault = get(route, 'fault');
      if (!fault) continue;
      const abort = get(fault, 'abort') !== undefined;
      const delay = get(fault, 'delay') !== undefined;
      if (!abort && !delay) continue;
      const faultText = abort && delay ? 'aborts and delays' : abort ? 'aborts' : 'delays';
      const retries = ownPair(route, 'retries');
      // `attempts: 0` disables retries: nothing is dropped then.
      if (retries && num(get(retries.pair.value, 'attempts')) !== 0) {
        ctx.report({
          span: retries.key.span,
          messageId: 'retries',
          data: {
            fault: faultText,
            effect: abort
              ? 'injected aborts are returned to the caller without being retried.'
              : 'the injected delay happens before the router starts the first try, so perTryTimeout never fires on it and nothing is retried.',
          },
        });
      }
      const timeout = ownPair(route, 'timeout');
      if (timeout && delay) {
        ctx.report({
          span: timeout.key.span,
          messageId: 'timeout',
          data: {
            fault: faultText,
            effect: 'the injected delay is not counted against this timeout, so it cannot make the route time out.',
          },
        });
      }
    }
  },
};
