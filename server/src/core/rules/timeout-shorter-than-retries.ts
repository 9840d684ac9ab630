import { asScalar, get, items, num, str } from '../parse/access';
import { formatDuration, parseDuration } from './support/duration';
import { replaceScalar } from './support/yamlEdit';
import type { LocalRule } from './types';

/**
 * The route `timeout` bounds the whole request, retries included. `attempts` counts retries
 * (Envoy's num_retries), so a route makes up to attempts + 1 tries, each bounded by perTryTimeout:
 * with a timeout shorter than (attempts + 1) × perTryTimeout the last tries can never run to their
 * own timeout, and when one perTryTimeout reaches the timeout no retry ever happens on a slow
 * upstream. Without perTryTimeout each try may use the whole route timeout (Envoy's default), and
 * without a retries block Istio's default policy (2 retries, no perTryTimeout) applies: neither
 * has a budget to compare with.
 */
export const rule: LocalRule = {
  id: 'timeout-shorter-than-retries',
  meta: {
    description:
      'An HTTP route timeout is shorter than (retries.attempts + 1) × retries.perTryTimeout: the last retries never get their time.',
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: true,
    kinds: ['VirtualService'],
    messages: {
      short:
        'timeout {timeout} is shorter than {tries} tries (the first try and {attempts} retries) × perTryTimeout {perTry} = {total}: only {fit} whole tries fit, so the route times out before the retries are used up.',
      noRetry:
        'perTryTimeout {perTry} is not shorter than the route timeout {timeout}: a slow first try hits the route timeout and is never retried.',
    },
  },
  check(ctx) {
    for (const route of items(get(ctx.node, 'spec', 'http'))) {
      const timeoutNode = asScalar(get(route, 'timeout'));
      const timeoutText = str(timeoutNode)?.value;
      const perTryText = str(get(route, 'retries', 'perTryTimeout'))?.value;
      const attempts = num(get(route, 'retries', 'attempts'));
      if (
        !timeoutNode ||
        timeoutText === undefined ||
        perTryText === undefined ||
        attempts === undefined ||
        attempts < 1
      )
        continue;
      const timeout = parseDuration(timeoutText);
      const perTry = parseDuration(perTryText);
      // A zero timeout disables it; unparsable values are the schema's business.
      if (!timeout || !perTry) continue;
      const tries = attempts + 1;
      const total = tries * perTry;
      if (timeout >= total) continue;
      const suggested = formatDuration(budget(attempts, perTry));
      const data = {
        timeout: timeoutText,
        perTry: perTryText,
        attempts,
        tries,
        total: formatDuration(total),
        fit: Math.floor(timeout / perTry),
      };
      ctx.report({
        span: timeoutNode.span,
        messageId: perTry >= timeout ? 'noRetry' : 'short',
        data,
        fixes: [
          {
            title: `Raise timeout to ${suggested}`,
            isPreferred: true,
            edits: [{ file: ctx.resource.file, edits: [replaceScalar(timeoutNode, suggested)] }],
          },
        ],
      });
    }
  },
};

/**
 * The first try plus every retry, each with its perTryTimeout, plus Envoy's back-off between
 * retries (25ms base, at most 250ms each by default), rounded up to a readable value.
 */
export function budget(attempts: number, perTry: number): number {
  const raw = (attempts + 1) * perTry + attempts * 250;
  const step = raw >= 1000 ? 1000 : 100;
  return Math.ceil(raw / step) * step;
}
