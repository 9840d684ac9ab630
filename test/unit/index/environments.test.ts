import * as assert from 'assert';
import { analyzeFixture, describeFinding, placedFindings } from '../../harness/analyze';
import { parseFixture } from '../../harness/fixture';
import type { AnalysisSettings } from '../../../server/src/core/settings';

/**
 * Workspaces holding several environments (kustomize overlays, cluster folders, the
 * `istio.environments` setting): each case lists every cross-file finding it must produce, as
 * `file:line:col-col rule "message"`, and nothing else may appear.
 */
interface Case {
  readonly name: string;
  readonly code: string;
  readonly settings?: Partial<AnalysisSettings>;
  readonly environments: readonly (string | undefined)[];
  readonly findings: readonly string[];
}

const svc = (ns?: string) => `apiVersion: v1
kind: Service
metadata:
  name: reviews${ns ? `\n  namespace: ${ns}` : ''}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]`;

const deploy = (version: string, ns?: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: reviews-${version}${ns ? `\n  namespace: ${ns}` : ''}
spec:
  template:
    metadata:
      labels: {app: reviews, version: ${version}}`;

const dr = (subsets: readonly string[], ns?: string, name = 'reviews') => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${name}${ns ? `\n  namespace: ${ns}` : ''}
spec:
  host: reviews
  subsets:
${subsets.map(s => `  - {name: ${s}, labels: {version: ${s}}}`).join('\n')}`;

const vs = (subset: string, ns?: string, name = 'reviews') => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}${ns ? `\n  namespace: ${ns}` : ''}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: ${subset}}`;

const CROSS_FILE = new Set([
  'subset-not-found',
  'destination-rule-ignored',
  'host-not-found',
  'destination-port-not-found',
  'conflicting-virtual-service',
  'duplicate-destination-rule',
  'duplicate-resource',
  'selector-matches-nothing',
]);

const CASES: readonly Case[] = [
  {
    name: 'overlays sharing a base, same namespace: two environments; a subset missing in one overlay is reported once, naming it',
    code: `
#- base/kustomization.yaml
resources: [vs.yaml, svc.yaml, deploy.yaml]
#- base/vs.yaml
${vs('v2')}
#- base/svc.yaml
${svc()}
#- base/deploy.yaml
${deploy('v2')}
#- overlays/prod/kustomization.yaml
namespace: bookinfo
resources: [../../base, dr.yaml]
#- overlays/prod/dr.yaml
${dr(['v1', 'v2'])}
#- overlays/staging/kustomization.yaml
namespace: bookinfo
resources: [../../base, dr.yaml]
#- overlays/staging/dr.yaml
${dr(['v1'])}`,
    environments: ['prod', 'staging'],
    findings: [
      'base/vs.yaml:9:44-46 subset-not-found "In environment staging: Subset "v2" is not defined by DestinationRule bookinfo/reviews for reviews.bookinfo.svc.cluster.local. Defined subsets: "v1"."',
    ],
  },
  {
    name: 'overlays sharing a base into two namespaces: one environment, the base built twice; its DestinationRule is used in both',
    code: `
#- base/kustomization.yaml
resources: [vs.yaml, svc.yaml, deploy.yaml]
#- base/vs.yaml
${vs('v2')}
#- base/svc.yaml
${svc()}
#- base/deploy.yaml
${deploy('v2')}
#- overlays/prod/kustomization.yaml
namespace: prod
resources: [../../base, dr.yaml]
#- overlays/prod/dr.yaml
${dr(['v1', 'v2'])}
#- overlays/staging/kustomization.yaml
namespace: staging
resources: [../../base, dr.yaml]
#- overlays/staging/dr.yaml
${dr(['v1'])}`,
    environments: [undefined],
    findings: [
      'base/vs.yaml:9:44-46 subset-not-found "In overlays/staging (namespace staging): Subset "v2" is not defined by DestinationRule staging/reviews for reviews.staging.svc.cluster.local. Defined subsets: "v1"."',
    ],
  },
  {
    name: 'two cluster folders: no conflict across clusters, a miss within one cluster still found',
    code: `
#- clusters/prod/bookinfo.yaml
${svc('bookinfo')}
---
${deploy('v3', 'bookinfo')}
---
${dr(['v1', 'v3'], 'bookinfo')}
---
${vs('v3', 'bookinfo')}
#- clusters/prod/canary.yaml
${vs('v1', 'bookinfo', 'reviews-canary')}
#- clusters/staging/bookinfo.yaml
${svc('bookinfo')}
---
${deploy('v1', 'bookinfo')}
---
${dr(['v1'], 'bookinfo')}
---
${vs('v3', 'bookinfo')}`,
    environments: ['prod', 'staging'],
    findings: [
      'clusters/prod/bookinfo.yaml:37:11-18 conflicting-virtual-service "VirtualService bookinfo/reviews-canary also defines reviews.bookinfo.svc.cluster.local for the mesh (sidecars), visible in the same namespaces. Sidecars use one VirtualService per host, the oldest, and ignore the other: merge them into one."',
      'clusters/prod/canary.yaml:7:11-18 conflicting-virtual-service "VirtualService bookinfo/reviews also defines reviews.bookinfo.svc.cluster.local for the mesh (sidecars), visible in the same namespaces. Sidecars use one VirtualService per host, the oldest, and ignore the other: merge them into one."',
      'clusters/staging/bookinfo.yaml:39:44-46 subset-not-found "Subset "v3" is not defined by DestinationRule bookinfo/reviews for reviews.bookinfo.svc.cluster.local. Defined subsets: "v1"."',
    ],
  },
  {
    name: 'a shared file is checked in every environment: named where it breaks, once when it breaks everywhere',
    code: `
#- clusters/prod/bookinfo.yaml
${svc('bookinfo')}
---
${dr(['v1', 'v2'], 'bookinfo')}
#- clusters/staging/bookinfo.yaml
${svc('bookinfo')}
---
${dr(['v1'], 'bookinfo')}
#- routes/reviews.yaml
${vs('v2', 'bookinfo')}
---
${vs('v9', 'bookinfo', 'reviews-next')}`,
    environments: ['prod', 'staging'],
    findings: [
      'routes/reviews.yaml:10:44-46 subset-not-found "In environment staging: Subset "v2" is not defined by DestinationRule bookinfo/reviews for reviews.bookinfo.svc.cluster.local. Defined subsets: "v1"."',
      // Holds in both environments with the same message: once, unnamed.
      'routes/reviews.yaml:7:11-18 conflicting-virtual-service "VirtualService bookinfo/reviews-next also defines reviews.bookinfo.svc.cluster.local for the mesh (sidecars), visible in the same namespaces. Sidecars use one VirtualService per host, the oldest, and ignore the other: merge them into one."',
      'routes/reviews.yaml:18:11-18 conflicting-virtual-service "VirtualService bookinfo/reviews also defines reviews.bookinfo.svc.cluster.local for the mesh (sidecars), visible in the same namespaces. Sidecars use one VirtualService per host, the oldest, and ignore the other: merge them into one."',
      // Missing everywhere, but each environment tells a different story: once per environment, named.
      'routes/reviews.yaml:21:44-46 subset-not-found "In environment prod: Subset "v9" is not defined by DestinationRule bookinfo/reviews for reviews.bookinfo.svc.cluster.local. Defined subsets: "v1", "v2"."',
      'routes/reviews.yaml:21:44-46 subset-not-found "In environment staging: Subset "v9" is not defined by DestinationRule bookinfo/reviews for reviews.bookinfo.svc.cluster.local. Defined subsets: "v1"."',
    ],
  },
  {
    name: 'the environments setting overrides detection: named environments, files outside them shared',
    settings: {
      environments: [
        { name: 'east', patterns: ['east/**'] },
        { name: 'west', patterns: ['west/**'] },
      ],
    },
    code: `
#- east/mesh.yaml
${svc('bookinfo')}
---
${dr(['v1', 'v2'], 'bookinfo', 'reviews-east')}
#- west/mesh.yaml
${svc('bookinfo')}
---
${dr(['v1'], 'bookinfo', 'reviews-west')}
#- shared/vs.yaml
${vs('v2', 'bookinfo')}`,
    environments: ['east', 'west'],
    findings: [
      'shared/vs.yaml:10:44-46 subset-not-found "In environment west: Subset "v2" is not defined by DestinationRule bookinfo/reviews-west for reviews.bookinfo.svc.cluster.local. Defined subsets: "v1"."',
    ],
  },
  {
    name: 'without evidence, many roots and layouts are one environment (routes across namespaces and layouts)',
    code: `
#- apps/reviews/base/kustomization.yaml
resources: [svc.yaml, deploy.yaml]
#- apps/reviews/base/svc.yaml
${svc()}
#- apps/reviews/base/deploy.yaml
${deploy('v1')}
#- apps/reviews/overlays/prod/kustomization.yaml
namespace: reviews
resources: [../../base]
#- apps/front/routes.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: front}
spec:
  hosts: [reviews.reviews.svc.cluster.local]
  http: [{route: [{destination: {host: reviews.reviews.svc.cluster.local, subset: v2}}]}]
#- clusters/prod/mesh/dr.yaml
${dr(['v1'], 'reviews')}`,
    environments: [undefined],
    findings: [
      'apps/front/routes.yaml:6:83-85 subset-not-found "Subset "v2" is not defined by DestinationRule reviews/reviews for reviews.reviews.svc.cluster.local. Defined subsets: "v1"."',
    ],
  },
  {
    name: 'two apps building one shared component into one namespace, each creating it: one environment',
    code: `
#- common/kustomization.yaml
resources: [peer-authentication.yaml]
#- common/peer-authentication.yaml
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default}
spec: {mtls: {mode: STRICT}}
#- apps/reviews/kustomization.yaml
namespace: shop
resources: [namespace.yaml, ../../common, svc.yaml, dr.yaml]
#- apps/reviews/namespace.yaml
apiVersion: v1
kind: Namespace
metadata: {name: shop}
#- apps/reviews/svc.yaml
${svc()}
---
${deploy('v1')}
#- apps/reviews/dr.yaml
${dr(['v1'])}
#- apps/front/kustomization.yaml
namespace: shop
resources: [namespace.yaml, ../../common, vs.yaml]
#- apps/front/namespace.yaml
apiVersion: v1
kind: Namespace
metadata: {name: shop}
#- apps/front/vs.yaml
${vs('v1')}`,
    environments: [undefined],
    findings: [],
  },
  {
    name: 'an overlay named like an environment joins it, even in an app without evidence of its own',
    code: `
#- apps/a/base/kustomization.yaml
resources: [svc.yaml]
#- apps/a/base/svc.yaml
${svc()}
#- apps/a/overlays/prod/kustomization.yaml
namespace: bookinfo
resources: [../../base]
#- apps/a/overlays/staging/kustomization.yaml
namespace: bookinfo
resources: [../../base]
#- apps/b/overlays/prod/kustomization.yaml
namespace: bookinfo
resources: [dr.yaml]
#- apps/b/overlays/prod/dr.yaml
${dr(['v1', 'v2'])}
#- apps/b/overlays/staging/kustomization.yaml
namespace: bookinfo
resources: [dr.yaml]
#- apps/b/overlays/staging/dr.yaml
${dr(['v1'], undefined, 'reviews-staging')}
#- routes/vs.yaml
${vs('v2', 'bookinfo')}`,
    environments: ['prod', 'staging'],
    findings: [
      'routes/vs.yaml:10:44-46 subset-not-found "In environment staging: Subset "v2" is not defined by DestinationRule bookinfo/reviews-staging for reviews.bookinfo.svc.cluster.local. Defined subsets: "v1"."',
    ],
  },
  {
    name: 'sibling cluster folders are all clusters once two of them are shown to be',
    code: `
#- clusters/prod/vs.yaml
${vs('v1', 'bookinfo')}
#- clusters/staging/vs.yaml
${vs('v1', 'bookinfo')}
#- clusters/dev/dr.yaml
${dr(['v1'], 'bookinfo')}`,
    environments: ['dev', 'prod', 'staging'],
    findings: [
      'clusters/prod/vs.yaml:10:44-46 subset-not-found "Subset "v1" is not defined: no DestinationRule for reviews.bookinfo.svc.cluster.local applies to clients in namespace bookinfo."',
      'clusters/staging/vs.yaml:10:44-46 subset-not-found "Subset "v1" is not defined: no DestinationRule for reviews.bookinfo.svc.cluster.local applies to clients in namespace bookinfo."',
    ],
  },
];

describe('environments', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const fixture = parseFixture(c.code);
      const analyzer = analyzeFixture(fixture, { settings: c.settings });
      assert.deepStrictEqual(analyzer.index.environments, c.environments);
      const found = placedFindings(analyzer, fixture.files.keys())
        .filter(f => CROSS_FILE.has(f.ruleId))
        .map(describeFinding)
        .sort();
      assert.deepStrictEqual(found, [...c.findings].sort());
    });
  }
});
