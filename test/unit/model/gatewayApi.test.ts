import * as assert from 'assert';
import type { LabelSelectorSummary, ListenerSummary } from '../../../server/src/core/model/gatewayApiTypes';
import { namespaceLabels, selectorMatches } from '../../../server/src/core/model/labelSelector';
import { admitsNamespace, admittedKinds, hostnamesIntersect } from '../../../server/src/core/model/routeAttachment';

const span = { start: 0, end: 0 };

function listener(fields: Partial<ListenerSummary>): ListenerSummary {
  return { allowedFrom: 'Same', span, ...fields };
}

describe('Gateway API semantics', () => {
  it('hostname intersection: wildcards either side, never the parent domain itself', () => {
    const l = (h?: string) => listener({ hostname: h === undefined ? undefined : { value: h, span } });
    const table: [string | undefined, string[], boolean][] = [
      [undefined, ['a.example.com'], true],
      ['a.example.com', [], true],
      ['a.example.com', ['A.Example.com'], true],
      ['*.example.com', ['a.example.com'], true],
      ['*.example.com', ['a.b.example.com'], true],
      ['*.example.com', ['example.com'], false],
      ['a.example.com', ['*.example.com'], true],
      ['*.example.com', ['*.a.example.com'], true],
      ['a.example.com', ['b.example.com', 'c.example.org'], false],
    ];
    for (const [host, routes, expected] of table)
      assert.strictEqual(hostnamesIntersect(l(host), routes), expected, `${host} vs ${routes.join(',')}`);
  });

  it('route kinds a listener admits: by protocol, TLS mode, then allowedRoutes.kinds', () => {
    assert.deepStrictEqual(admittedKinds(listener({ protocol: 'HTTPS' })), ['HTTPRoute', 'GRPCRoute']);
    assert.deepStrictEqual(admittedKinds(listener({ protocol: 'TLS', tlsMode: 'Terminate' })), [
      'TLSRoute',
      'TCPRoute',
    ]);
    assert.deepStrictEqual(admittedKinds(listener({ protocol: 'TLS', tlsMode: 'Passthrough' })), ['TLSRoute']);
    assert.deepStrictEqual(
      admittedKinds(
        listener({ protocol: 'HTTP', allowedKinds: [{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute' }] }),
      ),
      ['GRPCRoute'],
    );
    assert.deepStrictEqual(
      admittedKinds(listener({ protocol: 'HTTP', allowedKinds: [{ group: 'example.com', kind: 'HTTPRoute' }] })),
      [],
    );
    assert.strictEqual(admittedKinds(listener({ protocol: 'HBONE' })), undefined);
  });

  it('allowedRoutes namespaces: Same by default, All, Selector over Namespace labels', () => {
    const selector: LabelSelectorSummary = { matchLabels: { env: 'prod' }, matchExpressions: [] };
    const byName: LabelSelectorSummary = {
      matchLabels: {},
      matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['dev'] }],
    };
    const labels = (ns: string) => (ns === 'shop' ? { env: 'prod' } : ns === 'lab' ? { env: 'dev' } : undefined);
    const verdict = (l: ListenerSummary, ns: string) => admitsNamespace(l, 'infra', ns, labels);
    assert.deepStrictEqual([verdict(listener({}), 'infra'), verdict(listener({}), 'shop')], ['yes', 'no']);
    assert.strictEqual(verdict(listener({ allowedFrom: 'All' }), 'shop'), 'yes');
    const sel = listener({ allowedFrom: 'Selector', allowedSelector: selector });
    assert.deepStrictEqual(
      [verdict(sel, 'shop'), verdict(sel, 'lab'), verdict(sel, 'unknown')],
      ['yes', 'no', 'unknown'],
    );
    const names = listener({ allowedFrom: 'Selector', allowedSelector: byName });
    assert.deepStrictEqual([verdict(names, 'elsewhere'), verdict(names, 'dev')], ['yes', 'no']);
  });

  it('label selectors: matchLabels and the four operators', () => {
    const s = (e: LabelSelectorSummary['matchExpressions']): LabelSelectorSummary => ({
      matchLabels: {},
      matchExpressions: e,
    });
    const labels = namespaceLabels('shop', { tier: 'web' });
    assert.ok(selectorMatches(s([{ key: 'tier', operator: 'In', values: ['web', 'api'] }]), labels));
    assert.ok(!selectorMatches(s([{ key: 'tier', operator: 'NotIn', values: ['web'] }]), labels));
    assert.ok(selectorMatches(s([{ key: 'kubernetes.io/metadata.name', operator: 'Exists', values: [] }]), labels));
    assert.ok(!selectorMatches(s([{ key: 'tier', operator: 'DoesNotExist', values: [] }]), labels));
    assert.ok(!selectorMatches(s([{ key: 'tier', operator: 'Gt', values: ['1'] }]), labels));
  });
});
