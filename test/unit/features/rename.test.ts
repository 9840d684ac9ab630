import * as assert from 'assert';
import { prepareRename, rename } from '../../../server/src/core/features/rename';
import { dedent } from '../../harness/dedent';
import { applyFileEdits } from '../../harness/edits';
import { describeSpan, featureFixture, type FeatureFixture } from '../../harness/features';
import { WS } from '../../harness/fixture';

function renamed(
  f: FeatureFixture,
  newName: string,
  files: ReadonlyMap<string, string> = f.fixture.files,
): Map<string, string> {
  const result = rename(f.fc, f.file, f.offset, newName);
  if ('error' in result) assert.fail(result.error);
  return applyFileEdits(files, result.edits);
}

function text(files: ReadonlyMap<string, string>, rel: string): string | undefined {
  return files.get(`${WS}/${rel}`);
}

const SUBSETS = `
  #- dr.yaml
  apiVersion: networking.istio.io/v1
  kind: DestinationRule
  metadata: {name: reviews, namespace: shop}
  spec:
    host: reviews
    subsets:
    - name: v1
      labels: {version: v1}
    - name: v2
  #- vs-shop.yaml
  apiVersion: networking.istio.io/v1
  kind: VirtualService
  metadata: {name: reviews, namespace: shop}
  spec:
    hosts: [reviews]
    http:
    - route:
      - destination: {host: reviews, subset: "v1"}
      - destination: {host: reviews, subset: v2}
  #- vs-shadowed.yaml
  apiVersion: networking.istio.io/v1
  kind: VirtualService
  metadata: {name: reviews, namespace: shadow}
  spec:
    hosts: [reviews.shop.svc.cluster.local]
    http: [{route: [{destination: {host: reviews.shop.svc.cluster.local, subset: v1}}]}]
  ---
  apiVersion: networking.istio.io/v1
  kind: DestinationRule
  metadata: {name: own, namespace: shadow}
  spec: {host: reviews.shop.svc.cluster.local, subsets: [{name: v1}]}
`;

const GATEWAYS = `
  #- gw.yaml
  apiVersion: networking.istio.io/v1
  kind: Gateway
  metadata:
    name: public
    namespace: ingress
  spec: {selector: {istio: ingressgateway}}
  #- vs.yaml
  apiVersion: networking.istio.io/v1
  kind: VirtualService
  metadata: {name: a, namespace: ingress}
  spec:
    hosts: [a.example.com]
    gateways: [public, mesh]
    http:
    - match: [{gateways: [./public]}]
      route: [{destination: {host: a}}]
  ---
  apiVersion: networking.istio.io/v1
  kind: VirtualService
  metadata: {name: b, namespace: shop}
  spec:
    hosts: [b.example.com]
    gateways:
    - ingress/public
    - 'public.ingress.svc.cluster.local'
    - public
    http: [{route: [{destination: {host: b}}]}]
`;

describe('rename', () => {
  it('a subset: the DestinationRule entry and every route using it through the lookup, in one edit', () => {
    const f = featureFixture([SUBSETS.replace('- name: v1', '- name: v$01')]);
    const out = renamed(f, 'stable');
    assert.ok(text(out, 'dr.yaml')?.includes('- name: stable\n    labels: {version: v1}'), text(out, 'dr.yaml'));
    assert.ok(text(out, 'vs-shop.yaml')?.includes('subset: "stable"}'), text(out, 'vs-shop.yaml'));
    // The shadow namespace has its own rule: its route is not this subset's.
    assert.strictEqual(text(out, 'vs-shadowed.yaml'), text(f.fixture.files, 'vs-shadowed.yaml'));
  });

  it('a subset from a route, quotes kept', () => {
    const f = featureFixture([SUBSETS.replace('subset: "v1"', 'subset: "$0v1"')]);
    const prepared = prepareRename(f.fc, f.file, f.offset);
    assert.ok(!('error' in prepared));
    assert.strictEqual(describeSpan(f.fixture.files, f.file, prepared.span), 'vs-shop.yaml:8 v1');
    const out = renamed(f, 'v1-stable');
    assert.ok(text(out, 'dr.yaml')?.includes('- name: v1-stable\n'));
    assert.ok(text(out, 'vs-shop.yaml')?.includes('subset: "v1-stable"}'));
  });

  it('a Gateway: metadata.name and every gateways entry, each keeping the form it was written in', () => {
    const f = featureFixture([GATEWAYS.replace('name: public', 'name: publ$0ic')]);
    const out = renamed(f, 'edge');
    assert.strictEqual(
      text(out, 'gw.yaml'),
      dedent(`
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata:
        name: edge
        namespace: ingress
      spec: {selector: {istio: ingressgateway}}
    `).replace(/\n$/, ''),
    );
    const vs = text(out, 'vs.yaml') ?? '';
    assert.ok(vs.includes('gateways: [edge, mesh]'), vs);
    assert.ok(vs.includes('match: [{gateways: [./edge]}]'), vs);
    assert.ok(vs.includes("- ingress/edge\n  - 'edge.ingress.svc.cluster.local'\n  - public\n"), vs);
  });

  it('a Gateway from an ns/name entry: only the name part is offered', () => {
    const f = featureFixture([GATEWAYS.replace('- ingress/public', '- ingress$0/public')]);
    const prepared = prepareRename(f.fc, f.file, f.offset);
    assert.ok(!('error' in prepared));
    assert.strictEqual(prepared.placeholder, 'public');
    assert.strictEqual(describeSpan(f.fixture.files, f.file, prepared.span), 'vs.yaml:17 public');
    assert.ok(text(renamed(f, 'edge'), 'gw.yaml')?.includes('name: edge\n'));
  });

  it('files that are not open are edited at their current text', () => {
    const f = featureFixture([SUBSETS.replace('- name: v1', '- name: v$01')]);
    // vs-shop.yaml gained lines on disk since it was indexed: its edit lands on the new offsets.
    const disk = new Map(f.fixture.files);
    disk.set(
      `${WS}/vs-shop.yaml`,
      `# owned by team reviews\n# do not edit by hand\n${text(f.fixture.files, 'vs-shop.yaml')}`,
    );
    const fc = { ...f.fc, readText: (file: string) => disk.get(file) };
    const result = rename(fc, f.file, f.offset, 'stable');
    assert.ok(!('error' in result));
    assert.ok(
      applyFileEdits(disk, result.edits).get(`${WS}/vs-shop.yaml`)?.includes('# do not edit by hand\napiVersion'),
    );
    assert.ok(applyFileEdits(disk, result.edits).get(`${WS}/vs-shop.yaml`)?.includes('subset: "stable"}'));
    // A file whose value changed is not edited blindly.
    disk.set(
      `${WS}/vs-shop.yaml`,
      (text(f.fixture.files, 'vs-shop.yaml') ?? '').replace('subset: "v1"', 'subset: "v3"'),
    );
    const stale = rename(fc, f.file, f.offset, 'stable');
    assert.ok('error' in stale && stale.error.includes('vs-shop.yaml changed'), JSON.stringify(stale));
  });

  describe('rejections say why', () => {
    const cases: [string, string, RegExp][] = [
      [
        'a host whose Service is not in the workspace',
        SUBSETS.replace('host: reviews\n', 'host: rev$0iews\n'),
        /Service shop\/reviews is not in the workspace/,
      ],
      [
        'a host a ServiceEntry defines',
        `${SUBSETS.replace('host: reviews\n', 'host: api.example.c$0om\n')}
        #- se.yaml
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: api, namespace: shop}
        spec: {hosts: [api.example.com], ports: [{number: 443, name: https, protocol: TLS}]}`,
        /Only a DestinationRule subset, a Gateway/,
      ],
      [
        'a kind',
        SUBSETS.replace('kind: DestinationRule', 'kind: $0DestinationRule'),
        /Only a DestinationRule subset, a Gateway/,
      ],
      [
        'an undefined subset',
        SUBSETS.replace('subset: v2}', 'subset: v9$0}'),
        /No DestinationRule that applies here defines subset "v9"/,
      ],
      [
        'a missing Gateway',
        GATEWAYS.replace('- public', '- shop/pub$0lic'),
        /Gateway shop\/public is not in the workspace/,
      ],
    ];
    for (const [name, code, message] of cases) {
      it(name, () => {
        const f = featureFixture([code]);
        const prepared = prepareRename(f.fc, f.file, f.offset);
        assert.ok('error' in prepared && message.test(prepared.error), JSON.stringify(prepared));
      });
    }

    it('invalid and clashing new names', () => {
      const f = featureFixture([SUBSETS.replace('- name: v1', '- name: v$01')]);
      const invalid = rename(f.fc, f.file, f.offset, 'V_1');
      assert.ok('error' in invalid && invalid.error.includes('not a valid subset name'));
      const clash = rename(f.fc, f.file, f.offset, 'v2');
      assert.ok('error' in clash && clash.error.includes('already defines subset "v2"'));
      const same = rename(f.fc, f.file, f.offset, 'v1');
      assert.deepStrictEqual(same, { edits: [] });
    });
  });
});
