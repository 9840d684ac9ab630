import { get } from '../parse/access';
import type { YPair } from '../parse/types';
import { ownPair, pairLines } from './support/edits';
import { POLICY_COMPONENTS, policyLevels, type PolicyLevel } from './support/trafficPolicy';
import { addMapEntry } from './support/yamlEdit';
import type { Fix, LocalRule, TextEdit } from './types';

/**
 * A `portLevelSettings` entry does not add to the policy around it, it replaces it for that port:
 * Istio's GetPortLevelTrafficPolicy copies connectionPool, loadBalancer, outlierDetection and tls
 * from the port entry even when they are unset there ("default values will be applied to fields
 * omitted in port-level traffic policies"). So `trafficPolicy.tls: SIMPLE` plus a port entry that
 * only tunes connectionPool turns TLS origination off for that port. (Subsets, by contrast, do
 * inherit the components they omit.)
 */
export const rule: LocalRule = {
  id: 'port-level-policy-not-inherited',
  meta: {
    description:
      'A portLevelSettings entry omits components the surrounding traffic policy sets; for that port they revert to defaults.',
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: true,
    kinds: ['DestinationRule'],
    messages: {
      lost: 'Port-level settings replace the whole policy for {port}: {lost} from {parent} {verb} not apply there (omitted components revert to defaults, they are not inherited).',
    },
  },
  check(ctx) {
    for (const level of policyLevels(get(ctx.node, 'spec'))) {
      if (!level.replaces) continue;
      // A template may add the components this entry seems to lack.
      if (ctx.isTemplated(level.node)) continue;
      const lost: { component: string; pair: YPair }[] = [];
      for (const component of POLICY_COMPONENTS) {
        if (get(level.node, component) !== undefined) continue;
        const source = sourceOf(level.replaces, component);
        if (source) lost.push({ component, pair: source });
      }
      if (lost.length === 0) continue;
      const at = ownPair(level.node, 'port')?.key.span ?? level.node.span;
      const names = lost.map(l => l.component);
      ctx.report({
        span: at,
        messageId: 'lost',
        data: {
          port: level.port !== undefined ? `port ${level.port}` : 'this port',
          lost: names.join(', '),
          parent: level.replaces.where,
          verb: names.length === 1 ? 'does' : 'do',
        },
        fixes: copyFix(
          ctx.text,
          ctx.resource.file,
          level,
          lost.map(l => l.pair),
          names,
        ),
      });
    }
  },
};

/** Where the component the port entry would have "inherited" is written (subsets fall back to the top level). */
function sourceOf(parent: PolicyLevel, component: string): YPair | undefined {
  const own = ownPair(parent.node, component);
  if (own && own.pair.value !== null) return own.pair;
  if (parent.kind === 'subset' && parent.inheritsFrom) {
    const top = ownPair(parent.inheritsFrom.node, component);
    if (top && top.pair.value !== null) return top.pair;
  }
  return undefined;
}

function copyFix(
  text: string,
  file: string,
  level: PolicyLevel,
  pairs: readonly YPair[],
  names: readonly string[],
): Fix[] {
  let insertion: TextEdit | undefined;
  for (const pair of pairs) {
    const lines = pairLines(text, pair);
    if (!lines) return [];
    let edit: TextEdit;
    if (lines.valueLines.length === 0) edit = addMapEntry(text, level.node, lines.key, { inline: lines.flow });
    else if (level.node.flow)
      return []; // A block value cannot be pasted into a flow map faithfully.
    else edit = addMapEntry(text, level.node, lines.key, { lines: lines.valueLines, flow: '' });
    // All entries go to the same place (block: whole lines; flow: `, key: value`): one insertion keeps their order.
    insertion = insertion ? { span: insertion.span, newText: insertion.newText + edit.newText } : edit;
  }
  if (!insertion) return [];
  return [
    {
      title: `Copy ${names.join(', ')} into the port-level settings`,
      isPreferred: false,
      edits: [{ file, edits: [insertion] }],
    },
  ];
}
