import { asMap, asSeq, get, pairOf } from '../parse/access';
import { parseYamlFile } from '../parse/parseFile';
import { resolveHost } from '../model/hosts';
import type { DestinationRef, Resource } from '../model/types';
import type { DestinationRuleMatch } from '../index/lookup';
import { clientNamespaces } from '../index/clientNamespaces';
import { byCloseness, didYouMean } from './support/distance';
import { missingHost } from './support/missingHost';
import { otherFile } from './support/otherFile';
import { addMapEntry, appendToSequence } from './support/yamlEdit';
import type { CrossFileRule, CrossFileRuleContext, Fix, FileEdit } from './types';

/**
 * A route to a subset that no applicable DestinationRule defines: Envoy has no such cluster and
 * every request on that route fails with 503 (NR / "no healthy upstream").
 */
export const rule: CrossFileRule = {
  id: 'subset-not-found',
  meta: {
    description: 'A VirtualService routes to a subset that no DestinationRule applicable to its clients defines.',
    defaultSeverity: 'error',
    crossFile: true,
    fixable: true,
    istioctl: 'IST0101',
    kinds: ['VirtualService'],
    messages: {
      missing:
        'Subset "{subset}" is not defined by DestinationRule {rule} for {host}{clients}. Defined subsets: {defined}.{hint}',
      noRule:
        'Subset "{subset}" is not defined: no DestinationRule for {host} applies to clients in namespace {namespace}.',
    },
  },
  check(ctx) {
    const vs = ctx.resource;
    for (const dest of vs.destinations ?? []) {
      if (dest.subset) checkDestination(ctx, dest, dest.subset.value);
    }
  },
};

function checkDestination(ctx: CrossFileRuleContext, dest: DestinationRef, subset: string): void {
  const vs = ctx.resource;
  // A host that does not exist is host-not-found's finding; its subsets are not a second problem.
  if (missingHost(ctx.index, dest.host.value, vs.namespace)) return;
  const host = resolveHost(dest.host.value, vs.namespace);
  const span = dest.subset?.span ?? dest.host.span;
  for (const client of clientNamespaces(vs, host, ctx.index)) {
    const match = ctx.index.destinationRulesFor(host, client);
    if (!match) {
      // A templated DestinationRule anywhere could be the one that defines it: stay silent.
      if (ctx.index.hasIncompleteAnywhere('DestinationRule')) return;
      ctx.report({
        span,
        messageId: 'noRule',
        data: { subset, host, namespace: client },
        fixes: [createRuleFix(vs, host, subset, dest)],
      });
      return;
    }
    const defined = definedSubsets(match);
    if (defined.includes(subset)) continue;
    if (match.rules.some(r => r.incomplete || r.stale)) return;
    const suggestion = didYouMean(subset, defined);
    const target = match.rules[0];
    ctx.report({
      span,
      messageId: 'missing',
      data: {
        subset,
        host,
        rule: `${target.namespace}/${target.name ?? '?'}`,
        clients: client === vs.namespace ? '' : ` as seen by clients in namespace ${client}`,
        defined: defined.length ? defined.map(s => `"${s}"`).join(', ') : 'none',
        hint: suggestion ? ` Did you mean "${suggestion}"?` : '',
      },
      related: match.rules.map(r => ({
        file: r.file,
        span: r.drHost?.span ?? r.nameSpan ?? r.span,
        message: `DestinationRule ${r.namespace}/${r.name ?? '?'} (found in the ${match.step} namespace ${match.namespace})`,
      })),
      fixes: [
        ...byCloseness(subset, defined)
          .slice(0, 3)
          .map((s): Fix => ({
            title: `Change subset to "${s}"`,
            isPreferred: s === suggestion,
            edits: [{ file: vs.file, edits: [{ span, newText: s }] }],
          })),
        addSubsetFix(target, subset, !suggestion, vs.file),
      ],
    });
    return;
  }
}

function definedSubsets(match: DestinationRuleMatch): string[] {
  const names: string[] = [];
  for (const r of match.rules)
    for (const s of r.subsets ?? []) if (!names.includes(s.name.value)) names.push(s.name.value);
  return names;
}

/** Adds the subset to the DestinationRule, with labels in the style its other subsets use. */
function addSubsetFix(dr: Resource, subset: string, preferred: boolean, from: string): Fix {
  const labelKey = Object.keys(dr.subsets?.[0]?.labels ?? {})[0] ?? 'version';
  return {
    title: `Add subset "${subset}" to DestinationRule ${dr.namespace}/${dr.name ?? '?'} in ${otherFile(from, dr.file)}`,
    isPreferred: preferred,
    compute: ({ readText }) => {
      const text = readText(dr.file);
      if (text === undefined) return undefined;
      const doc = parseYamlFile(dr.file, text).docs[dr.docIndex];
      const node = dr.itemIndex === undefined ? doc?.root : get(doc?.root, 'items', dr.itemIndex);
      const spec = asMap(get(node, 'spec'));
      if (!spec) return undefined;
      const lines = [`name: ${subset}`, 'labels:', `  ${labelKey}: ${subset}`];
      const flow = `{name: ${subset}, labels: {${labelKey}: ${subset}}}`;
      const subsets = asSeq(pairOf(spec, 'subsets')?.value);
      const edit = subsets
        ? appendToSequence(text, subsets, lines, flow)
        : addMapEntry(text, spec, 'subsets', {
            lines: [`- ${lines[0]}`, ...lines.slice(1).map(l => `  ${l}`)],
            flow: `[${flow}]`,
          });
      return [{ file: dr.file, edits: [edit] }];
    },
  };
}

/** No DestinationRule at all: add one next to the VirtualService, in a new document. */
function createRuleFix(vs: Resource, host: string, subset: string, dest: DestinationRef): Fix {
  const name = dest.host.value.split('.')[0];
  return {
    title: `Create DestinationRule "${name}" with subset "${subset}"`,
    compute: ({ readText }): FileEdit[] | undefined => {
      const text = readText(vs.file);
      if (text === undefined) return undefined;
      const ns = vs.explicitNamespace ? `\n  namespace: ${vs.explicitNamespace}` : '';
      const body = [
        '---',
        'apiVersion: networking.istio.io/v1',
        'kind: DestinationRule',
        'metadata:',
        `  name: ${name}${ns}`,
        'spec:',
        `  host: ${dest.host.value === host ? host : dest.host.value}`,
        '  subsets:',
        `  - name: ${subset}`,
        '    labels:',
        `      version: ${subset}`,
        '',
      ].join('\n');
      const prefix = text.length > 0 && !text.endsWith('\n') ? '\n' : '';
      return [{ file: vs.file, edits: [{ span: { start: text.length, end: text.length }, newText: prefix + body }] }];
    },
  };
}
