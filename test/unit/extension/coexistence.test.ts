import * as assert from 'assert';
import {
  associationMatches,
  globMatchesPathEnd,
  istioExclusions,
  kubernetesAssociations,
} from '../../../client/src/coexistence/schemaAssociations';
import { hasIstioResource, isIstioText } from '../../../client/src/istioDocument';

describe('Red Hat YAML coexistence', () => {
  it('finds the Kubernetes associations of yaml.schemas (keyword and URLs), ignoring the rest', () => {
    const found = kubernetesAssociations({
      Kubernetes: '*.yaml',
      'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.31.0-standalone-strict/all.json': [
        'deploy/**',
        7,
      ],
      'https://json.schemastore.org/kustomization.json': 'kustomization.yaml',
    });
    assert.deepStrictEqual(
      found.map(a => [a.schema, a.patterns]),
      [
        ['Kubernetes', ['*.yaml']],
        [
          'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.31.0-standalone-strict/all.json',
          ['deploy/**'],
        ],
      ],
    );
    assert.deepStrictEqual(kubernetesAssociations(undefined), []);
    assert.deepStrictEqual(kubernetesAssociations(['kubernetes']), []);
  });

  it('matches relative globs against the end of the path, with ! exclusions', () => {
    assert.ok(globMatchesPathEnd('*.yaml', 'mesh/vs.yaml'));
    assert.ok(globMatchesPathEnd('/*.yaml', 'mesh/vs.yaml'));
    assert.ok(globMatchesPathEnd('mesh/**', 'mesh/a/vs.yaml'));
    assert.ok(globMatchesPathEnd('**/*.{yml,yaml}', 'vs.yml'));
    assert.ok(!globMatchesPathEnd('k8s/*.yaml', 'mesh/vs.yaml'));
    assert.ok(associationMatches(['*.yaml'], 'mesh/vs.yaml'));
    assert.ok(!associationMatches(['*.yaml', '!mesh/**'], 'mesh/vs.yaml'));
    assert.ok(!associationMatches(['*.yaml', '!file:///w/mesh/vs.yaml'], 'mesh/vs.yaml', 'file:///w/mesh/vs.yaml'));
    assert.ok(!associationMatches(['!mesh/**'], 'other/vs.yaml'), 'exclusions alone select nothing');
  });

  it('excludes Istio-only directories as a whole and Istio files in mixed directories one by one', () => {
    const files = new Map([
      ['mesh/vs.yaml', true],
      ['mesh/dr.yaml', true],
      ['apps/reviews/deployment.yaml', false],
      ['apps/reviews/vs.yaml', true],
      ['k8s/service.yaml', false],
      ['root-gw.yaml', true],
      ['compose.yaml', false],
    ]);
    assert.deepStrictEqual(istioExclusions(files), ['!root-gw.yaml', '!apps/reviews/vs.yaml', '!mesh/**']);
  });

  it('recognises Istio documents by their apiVersion group, including list items and quotes', () => {
    assert.ok(hasIstioResource('kind: VirtualService\napiVersion: networking.istio.io/v1\n'));
    assert.ok(hasIstioResource('items:\n  - apiVersion: "security.istio.io/v1beta1"\n'));
    assert.ok(hasIstioResource('apiVersion: v1\nkind: Service\n---\napiVersion: telemetry.istio.io/v1\n'));
    assert.ok(!hasIstioResource('apiVersion: apps/v1\nkind: Deployment\n# networking.istio.io/v1 in a comment\n'));
    assert.ok(!hasIstioResource('services:\n  web:\n    image: nginx\n'));
    assert.ok(hasIstioResource('apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\n'), 'Gateway API is ours');
    assert.ok(hasIstioResource('- apiVersion: "gateway.networking.k8s.io/v1beta1"\n  kind: ReferenceGrant\n'));
    assert.ok(!hasIstioResource('apiVersion: networking.k8s.io/v1\nkind: Ingress\n'), 'Ingress is not');
    assert.ok(!isIstioText('apiVersion: networking.k8s.io/v1\nkind: Ingress\n'));
    assert.ok(isIstioText('apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n'));
    assert.ok(isIstioText('  \n'), 'a blank document may become one');
    assert.ok(!isIstioText('apiVersion: apps/v1\n'));
    assert.ok(!isIstioText('apiVersion: v1\nkind: ConfigMap\n'));
    assert.ok(isIstioText('apiVersion: \n'), 'an apiVersion being typed may become Istio');
    assert.ok(isIstioText('apiVersion: netw\n'), 'an apiVersion being typed may become Istio');
    assert.ok(
      isIstioText('services:\n  web:\n    image: nginx\n'),
      'no apiVersion: the server decides (it answers nothing for non-Istio documents)',
    );
  });
});
