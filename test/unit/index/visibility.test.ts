import * as assert from 'assert';
import { analyzeFixture, describeFinding, placedFindings } from '../../harness/analyze';
import { parseFixture } from '../../harness/fixture';

/**
 * exportTo as pilot's push context applies it (ServiceEntry, VirtualService, DestinationRule
 * `exportTo`, the Service annotation `networking.istio.io/exportTo`, and MeshConfig's
 * `defaultServiceExportTo` / `defaultVirtualServiceExportTo` / `defaultDestinationRuleExportTo`),
 * in host resolution and lookups. Each case lists every cross-file finding.
 */
const CROSS_FILE = new Set([
  'subset-not-found',
  'host-not-found',
  'destination-port-not-found',
  'conflicting-virtual-service',
  'delegate-not-found',
]);

const BOOKINFO = `#- bookinfo/app.yaml
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews-v1, namespace: bookinfo}
spec:
  template: {metadata: {labels: {app: reviews, version: v1}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: front}
spec:
  template: {metadata: {labels: {app: web}}}
`;

const CASES: readonly { name: string; code: string; findings: readonly string[] }[] = [
  {
    name: 'a hosts: ["*"] ServiceEntry exported to its own namespace makes hosts exist there only',
    code: `${BOOKINFO}
#- egress/any.yaml
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: any-host, namespace: egress}
spec:
  hosts: ["*"]
  exportTo: ["."]
  ports: [{number: 80, name: http, protocol: HTTP}]
  resolution: NONE
#- bookinfo/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ratings, namespace: bookinfo}
spec:
  hosts: [ratings]
  http:
  - route:
    - destination: {host: ratingz}
    - destination: {host: reviews, port: {number: 9090}}
#- egress/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ratings, namespace: egress}
spec:
  hosts: [ratings.example.com]
  http:
  - route:
    - destination: {host: ratingz.bookinfo.svc.cluster.local}`,
    findings: [
      'bookinfo/vs.yaml:8:27-34 host-not-found "No Service or ServiceEntry in the workspace defines ratingz.bookinfo.svc.cluster.local, although the workspace defines Services in namespace bookinfo."',
      'bookinfo/vs.yaml:9:51-55 destination-port-not-found "Service bookinfo/reviews has no port 9090 (its ports: 9080 (http)), so this route has no upstream and answers 503."',
    ],
  },
  {
    name: 'a Service exported to its own namespace (annotation) is unknown to other namespaces',
    code: `#- bookinfo/app.yaml
apiVersion: v1
kind: Service
metadata:
  name: reviews
  namespace: bookinfo
  annotations: {networking.istio.io/exportTo: "."}
spec:
  ports: [{name: http, port: 9080}]
#- bookinfo/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http: [{route: [{destination: {host: reviews}}]}]
#- front/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: front}
spec:
  hosts: [reviews.example.com]
  http: [{route: [{destination: {host: reviews.bookinfo.svc.cluster.local}}]}]`,
    findings: [
      'front/vs.yaml:6:40-74 host-not-found "Service bookinfo/reviews defines reviews.bookinfo.svc.cluster.local but is not exported to namespace front (exportTo: .), so proxies there do not know the host and this route answers 503."',
    ],
  },
  {
    name: 'MeshConfig defaults: Services, VirtualServices and DestinationRules exported to their own namespace',
    code: `${BOOKINFO}
#- istio-system/mesh.yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |-
    defaultServiceExportTo: ["."]
    defaultVirtualServiceExportTo: ["."]
    defaultDestinationRuleExportTo: ["."]
#- bookinfo/dr.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets: [{name: v1, labels: {version: v1}}]
#- front/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: front}
spec:
  hosts: [reviews.bookinfo.svc.cluster.local]
  http:
  - match: [{uri: {prefix: /v1}}]
    delegate: {name: routes, namespace: bookinfo}
  - route: [{destination: {host: reviews.bookinfo.svc.cluster.local, subset: v1}}]
#- bookinfo/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http: [{route: [{destination: {host: reviews, subset: v1}}]}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: routes, namespace: bookinfo}
spec:
  http: [{route: [{destination: {host: reviews, subset: v1}}]}]`,
    findings: [
      'front/vs.yaml:8:22-28 delegate-not-found "Delegate VirtualService bookinfo/routes is not exported to namespace front (exportTo: ., the MeshConfig default), so Istio skips this route."',
      'front/vs.yaml:9:34-68 host-not-found "Service bookinfo/reviews defines reviews.bookinfo.svc.cluster.local but is not exported to namespace front (exportTo: .), so proxies there do not know the host and this route answers 503."',
    ],
  },
  {
    name: 'MeshConfig defaultDestinationRuleExportTo ["."]: a rule without exportTo stays in its namespace',
    code: `${BOOKINFO}
#- istio-system/operator.yaml
apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata: {name: istio, namespace: istio-system}
spec:
  meshConfig:
    defaultDestinationRuleExportTo: ["."]
#- bookinfo/dr.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets: [{name: v1, labels: {version: v1}}]
#- front/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: front}
spec:
  hosts: [reviews.example.com]
  http:
  - route: [{destination: {host: reviews.bookinfo.svc.cluster.local, subset: v1}}]`,
    findings: [
      'front/vs.yaml:7:78-80 subset-not-found "Subset "v1" is not defined: no DestinationRule for reviews.bookinfo.svc.cluster.local applies to clients in namespace front."',
    ],
  },
  {
    name: 'without MeshConfig defaults the same files are fine, except the VirtualServices claiming one host',
    code: `${BOOKINFO}
#- bookinfo/dr.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets: [{name: v1, labels: {version: v1}}]
#- front/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: front}
spec:
  hosts: [reviews.bookinfo.svc.cluster.local]
  http:
  - route: [{destination: {host: reviews.bookinfo.svc.cluster.local, subset: v1}}]
#- bookinfo/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http: [{route: [{destination: {host: reviews, subset: v1}}]}]`,
    findings: [
      'bookinfo/vs.yaml:5:11-18 conflicting-virtual-service "VirtualService front/reviews also defines reviews.bookinfo.svc.cluster.local for the mesh (sidecars), visible in the same namespaces. Sidecars use one VirtualService per host, the oldest, and ignore the other: merge them into one."',
      'front/vs.yaml:5:11-45 conflicting-virtual-service "VirtualService bookinfo/reviews also defines reviews.bookinfo.svc.cluster.local for the mesh (sidecars), visible in the same namespaces. Sidecars use one VirtualService per host, the oldest, and ignore the other: merge them into one."',
    ],
  },
  {
    name: 'a DestinationRule exported only to other namespaces does not apply in its own',
    code: `${BOOKINFO}
#- bookinfo/dr.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  exportTo: [front]
  subsets: [{name: v1, labels: {version: v1}}]
#- bookinfo/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http: [{route: [{destination: {host: reviews, subset: v1}}]}]`,
    findings: [
      'bookinfo/vs.yaml:6:57-59 subset-not-found "Subset "v1" is not defined: no DestinationRule for reviews.bookinfo.svc.cluster.local applies to clients in namespace bookinfo."',
    ],
  },
];

describe('visibility (exportTo)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const fixture = parseFixture(c.code);
      const analyzer = analyzeFixture(fixture);
      const found = placedFindings(analyzer, fixture.files.keys())
        .filter(f => CROSS_FILE.has(f.ruleId))
        .map(describeFinding)
        .sort();
      assert.deepStrictEqual(found, [...c.findings].sort());
    });
  }
});
