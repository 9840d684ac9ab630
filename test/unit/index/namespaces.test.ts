import * as assert from 'assert';
import { analyzeFixture } from '../../harness/analyze';
import { parseFixture } from '../../harness/fixture';

function namespacesOf(code: string, settings = {}): Record<string, string> {
  const analyzer = analyzeFixture(parseFixture(code), { settings });
  const out: Record<string, string> = {};
  for (const r of analyzer.index.allResources()) if (r.name && r.kind !== 'Kustomization') out[r.name] = r.namespace;
  return out;
}

const vs = (name: string, ns?: string) =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: ${name}${ns ? `\n  namespace: ${ns}` : ''}\nspec: {hosts: [${name}]}`;

describe('effective namespace', () => {
  const cases: { name: string; code: string; settings?: object; expected: Record<string, string> }[] = [
    { name: 'metadata.namespace wins', code: `#- a.yaml\n${vs('a', 'explicit')}`, expected: { a: 'explicit' } },
    {
      name: 'default namespace setting',
      code: `#- a.yaml\n${vs('a')}`,
      settings: { defaultNamespace: 'team' },
      expected: { a: 'team' },
    },
    { name: 'built-in default is "default"', code: `#- a.yaml\n${vs('a')}`, expected: { a: 'default' } },
    {
      name: 'kustomization listing the file directly',
      code: `#- app/kustomization.yaml\nnamespace: shop\nresources: [a.yaml]\n#- app/a.yaml\n${vs('a')}\n#- app/b.yaml\n${vs('b')}`,
      expected: { a: 'shop', b: 'default' },
    },
    {
      // kustomize's namespace transformer overrides metadata.namespace.
      name: 'the kustomization namespace beats metadata.namespace',
      code: `#- app/kustomization.yaml\nnamespace: shop\nresources: [a.yaml]\n#- app/a.yaml\n${vs('a', 'mine')}`,
      expected: { a: 'shop' },
    },
    {
      name: 'metadata.namespace stays when the kustomization sets none',
      code: `#- app/kustomization.yaml\nresources: [a.yaml]\n#- app/a.yaml\n${vs('a', 'mine')}`,
      expected: { a: 'mine' },
    },
    {
      name: 'overlay namespace reaches a base through a listed directory',
      code: [
        '#- base/kustomization.yaml',
        'resources: [vs.yaml]',
        '#- base/vs.yaml',
        vs('a'),
        '#- overlays/prod/kustomization.yaml',
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'namespace: prod',
        'resources:',
        '- ../../base',
      ].join('\n'),
      expected: { a: 'prod' },
    },
    {
      // The overlay's transformer runs on its bases' output, so the outermost namespace wins.
      name: 'the outermost kustomization with a namespace wins',
      code: [
        '#- base/kustomization.yaml',
        'namespace: base-ns',
        'resources: [vs.yaml]',
        '#- base/vs.yaml',
        vs('a'),
        '#- overlays/prod/kustomization.yml',
        'namespace: prod',
        'resources: [../../base/]',
      ].join('\n'),
      expected: { a: 'prod' },
    },
    {
      name: 'two overlays: the first by path decides, deterministically',
      code: [
        '#- base/kustomization.yaml',
        'resources: [vs.yaml]',
        '#- base/vs.yaml',
        vs('a'),
        '#- overlays/staging/kustomization.yaml',
        'namespace: staging',
        'resources: [../../base]',
        '#- overlays/prod/kustomization.yaml',
        'namespace: prod',
        'resources: [../../base]',
      ].join('\n'),
      expected: { a: 'prod' },
    },
    {
      name: 'per-folder default namespace (multi-root)',
      code: `#- one/a.yaml\n${vs('a')}\n#- two/b.yaml\n${vs('b')}`,
      settings: { folders: [{ path: '/ws/one', defaultNamespace: 'one-ns' }, { path: '/ws/two' }] },
      expected: { a: 'one-ns', b: 'default' },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepStrictEqual(namespacesOf(c.code, c.settings), c.expected));

  it('editing a kustomization moves its files to the new namespace', () => {
    const fixture = parseFixture(
      `#- app/kustomization.yaml\nnamespace: one\nresources: [a.yaml]\n#- app/a.yaml\n${vs('a')}`,
    );
    const analyzer = analyzeFixture(fixture);
    analyzer.update([{ file: '/ws/app/kustomization.yaml', text: 'namespace: two\nresources: [a.yaml]\n' }]);
    const a = [...analyzer.index.allResources()].find(r => r.name === 'a');
    assert.strictEqual(a?.namespace, 'two');
    assert.strictEqual(analyzer.index.lookup().ofKind('VirtualService', 'one').length, 0);
    assert.strictEqual(analyzer.index.lookup().ofKind('VirtualService', 'two').length, 1);
  });
});

describe('root namespace', () => {
  it('comes from the setting, overridden by a MeshConfig in the workspace', () => {
    const plain = analyzeFixture(parseFixture(vs('a')), { settings: { rootNamespace: 'mesh-root' } });
    assert.strictEqual(plain.index.rootNamespace, 'mesh-root');
    const withOperator = analyzeFixture(
      parseFixture(
        [
          '#- a.yaml',
          vs('a'),
          '#- install/operator.yaml',
          'apiVersion: install.istio.io/v1alpha1',
          'kind: IstioOperator',
          'spec:',
          '  meshConfig:',
          '    rootNamespace: istio-config',
        ].join('\n'),
      ),
    );
    assert.strictEqual(withOperator.index.rootNamespace, 'istio-config');
    const withConfigMap = analyzeFixture(
      parseFixture(
        [
          'apiVersion: v1',
          'kind: ConfigMap',
          'metadata: {name: istio, namespace: istio-system}',
          'data:',
          '  mesh: |-',
          '    rootNamespace: cfg-root',
          '    enableTracing: true',
        ].join('\n'),
      ),
    );
    assert.strictEqual(withConfigMap.index.rootNamespace, 'cfg-root');
  });
});
