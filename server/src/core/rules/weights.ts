import { asMap, asScalar, asSeq, get, items, num } from '../parse/access';
import type { YMap, YScalar } from '../parse/types';
import { compareReleases } from '../model/kinds';
import { ownPair, removePair } from './support/edits';
import { addMapEntry, replaceScalar } from './support/yamlEdit';
import type { Fix, LocalRule, LocalRuleContext, TextEdit } from './types';

/**
 * Route weights as Istio's validation (pkg/config/validation: validateHTTPRouteDestinations /
 * validateRouteDestinations) judges them:
 * - since Istio 1.15 (istio/istio#39544) weights are relative: each must be >= 0 and, when a route
 *   has more than one destination, their total must not be 0 ("total destination weight = 0");
 *   a destination without `weight` counts as 0;
 * - before 1.15 each weight had to be within 0..100 and, with more than one destination, they had
 *   to add up to exactly 100 ("total destination weight N != 100");
 * - a route with a single destination sends it all traffic whatever its weight, so `weight: 0`
 *   there does not turn it off (it is accepted and ignored).
 */
export const rule: LocalRule = {
  id: 'weights',
  meta: {
    description: 'Route destination weights that Istio rejects, or a weight 0 that does not do what it says.',
    defaultSeverity: 'error',
    crossFile: false,
    fixable: true,
    kinds: ['VirtualService'],
    messages: {
      zeroTotal:
        'Istio rejects this route: its {n} destinations have a total weight of 0 (a destination without weight counts as 0).',
      notHundred:
        'Istio {target} rejects this route: weights add up to {total}, not 100 (relative weights need Istio 1.15+).',
      outOfRange: 'Istio {target} rejects weight {weight}: each weight must be between 0 and 100.',
      negative: 'Istio rejects a negative weight.',
      ignoredZero: 'weight: 0 on the only destination is ignored: a single destination receives all traffic.',
    },
  },
  check(ctx) {
    const relative =
      !ctx.settings.targetVersion || compareReleases(ctx.settings.targetVersion, RELATIVE_WEIGHTS_SINCE) >= 0;
    const target = ctx.settings.targetVersion ?? '';
    const spec = get(ctx.node, 'spec');
    for (const kind of ['http', 'tcp', 'tls']) {
      for (const entry of items(get(spec, kind))) {
        const route = ownPair(entry, 'route');
        const seq = asSeq(route?.pair.value);
        if (!route || !seq) continue;
        const dests = seq.items.map(item => {
          const map = asMap(item);
          const w = ownPair(map, 'weight');
          const scalar = asScalar(w?.pair.value);
          return { map, pair: w, scalar, weight: w ? num(w.pair.value) : 0 };
        });
        // Templated or non-numeric weights cannot be judged.
        if (dests.some(d => d.weight === undefined || !d.map)) continue;
        const weights = dests.map(d => d.weight as number);
        let anyNegative = false;
        for (const d of dests) {
          if (!d.scalar || d.weight === undefined) continue;
          if (d.weight < 0) {
            anyNegative = true;
            ctx.report({ span: d.scalar.span, messageId: 'negative' });
          } else if (!relative && d.weight > 100) {
            ctx.report({
              span: d.scalar.span,
              messageId: 'outOfRange',
              data: { weight: d.weight, target: `${target}` },
            });
          }
        }
        if (anyNegative) continue;
        if (dests.length === 1) {
          const only = dests[0];
          if (only.pair && only.scalar && only.weight === 0 && only.map) {
            ctx.report({
              span: only.scalar.span,
              messageId: 'ignoredZero',
              fixes: [
                {
                  title: 'Remove the ignored weight',
                  isPreferred: true,
                  edits: [{ file: ctx.resource.file, edits: [removePair(ctx.text, only.map, only.pair.pair)] }],
                },
              ],
            });
          }
          continue;
        }
        const total = weights.reduce((a, b) => a + b, 0);
        const maps = dests.map(d => d.map as YMap);
        const scalars = dests.map(d => d.scalar);
        if (total === 0) {
          ctx.report({
            span: route.key.span,
            messageId: 'zeroTotal',
            data: { n: dests.length },
            fixes: [setWeightsFix(ctx, maps, scalars, evenSplit(dests.length), 'Split traffic evenly')],
          });
        } else if (!relative && total !== 100) {
          ctx.report({
            span: route.key.span,
            messageId: 'notHundred',
            data: { total, target },
            fixes: [setWeightsFix(ctx, maps, scalars, normalise(weights), 'Normalise weights to 100')],
          });
        }
      }
    }
  },
};

export const RELATIVE_WEIGHTS_SINCE = '1.15';

/** Largest-remainder rounding of `weights` to integers summing to exactly 100. */
export function normalise(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map(w => (w * 100) / total);
  const out = exact.map(Math.floor);
  let left = 100 - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, frac: e - Math.floor(e) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]++;
    left--;
  }
  return out;
}

export function evenSplit(n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(100 / n) + (i < 100 % n ? 1 : 0));
}

function setWeightsFix(
  ctx: LocalRuleContext,
  maps: readonly YMap[],
  scalars: readonly (YScalar | undefined)[],
  values: readonly number[],
  title: string,
): Fix {
  const edits: TextEdit[] = [];
  values.forEach((v, i) => {
    const scalar = scalars[i];
    if (scalar) {
      if (num(scalar) !== v) edits.push(replaceScalar(scalar, String(v)));
    } else if (v !== 0) {
      edits.push(addMapEntry(ctx.text, maps[i], 'weight', { inline: String(v) }));
    }
  });
  return { title: `${title} (${values.join('/')})`, isPreferred: true, edits: [{ file: ctx.resource.file, edits }] };
}
