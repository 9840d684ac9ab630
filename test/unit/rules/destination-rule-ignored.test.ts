import * as assert from 'assert';
import { analyzeFixture, placedFindings } from '../../harness/analyze';
import { parseFixture } from '../../harness/fixture';
import { ruleTester } from '../../harness/ruleTester';

/** Workloads and Services of the bookinfo namespace, shared by most cases. */
const BOOKINFO = `
        #- bookinfo/app.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: reviews, namespace: bookinfo}
        spec: {selector: {app: reviews}, ports: [{port: 9080, name: http}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviews-v1, namespace: bookinfo}
        spec: {template: {metadata: {labels: {app: reviews, version: v1}}}}`;

ruleTester('destination-rule-ignored', {
  valid: [
    {
      name: 'a host no Service defines (its side of the mesh is not in the workspace)',
      code: `${BOOKINFO}
        #- ops/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: details, namespace: ops}
        spec: {host: details.bookinfo.svc.cluster.local}`,
    },
    {
      name: 'DR in the service namespace (FQDN host)',
      code: `${BOOKINFO}
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: bookinfo}
        spec: {host: reviews.bookinfo.svc.cluster.local}`,
    },
    {
      name: 'DR in a client namespace that runs workloads (per-client override)',
      code: `${BOOKINFO}
        #- frontend/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews-pool, namespace: frontend}
        spec: {host: reviews.bookinfo.svc.cluster.local, trafficPolicy: {connectionPool: {tcp: {maxConnections: 10}}}}
        #- frontend/deploy.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: frontend}
        spec: {template: {metadata: {labels: {app: web}}}}`,
    },
    {
      name: 'DR in the root namespace applies mesh-wide',
      code: `${BOOKINFO}
        #- mesh/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: istio-system}
        spec: {host: reviews.bookinfo.svc.cluster.local}`,
    },
    {
      name: 'no workload anywhere in the workspace: nothing to judge by',
      code: `
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: ops}
        spec: {host: reviews.bookinfo.svc.cluster.local}`,
    },
    {
      name: 'short host resolving to a Service of the kustomization namespace',
      code: `${BOOKINFO}
        #- overlay/kustomization.yaml
        namespace: bookinfo
        resources: [dr.yaml]
        #- overlay/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews}
        spec: {host: reviews}`,
    },
    {
      name: 'a Helm-templated workload of the namespace could run there',
      code: `${BOOKINFO}
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: ops}
        spec: {host: reviews.bookinfo.svc.cluster.local}
        #- chart/templates/deploy.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}
          namespace: ops
        spec:
          template:
            metadata:
              labels: {app: ops}`,
    },
    {
      name: 'a namespace holding a Gateway (its pods usually run there)',
      code: `${BOOKINFO}
        #- ingress/gw.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: public, namespace: ingress}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: ingress}
        spec: {host: reviews.bookinfo.svc.cluster.local}`,
    },
    {
      name: 'wildcard hosts are not judged',
      code: `${BOOKINFO}
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: all, namespace: ops}
        spec: {host: "*.bookinfo.svc.cluster.local"}`,
    },
  ],
  invalid: [
    {
      name: 'FQDN host, DR in a namespace without workloads: move it to the service namespace',
      messages: [
        "This DestinationRule for reviews.bookinfo.svc.cluster.local is never applied: it is in namespace default, which is neither the service's namespace (bookinfo) nor the root namespace (istio-system), and no workload in the workspace runs in default. Istio only looks up DestinationRules in the client's, the service's and the root namespace.",
      ],
      code: `${BOOKINFO}
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: reviews
          namespace: default
        spec:
          host: reviews.bookinfo.svc.cluster.local
        #       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ destination-rule-ignored
          subsets: [{name: v1, labels: {version: v1}}]`,
      output: {
        'dr.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata:
            name: reviews
            namespace: bookinfo
          spec:
            host: reviews.bookinfo.svc.cluster.local
            subsets: [{name: v1, labels: {version: v1}}]`,
      },
    },
    {
      name: 'move to the root namespace adds metadata.namespace (default namespace, multi-document file)',
      messages: [
        "This DestinationRule for reviews.bookinfo.svc.cluster.local is never applied: it is in namespace default, which is neither the service's namespace (bookinfo) nor the root namespace (istio-system), and no workload in the workspace runs in default. Istio only looks up DestinationRules in the client's, the service's and the root namespace.",
      ],
      code: `${BOOKINFO}
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews}
        spec: {host: reviews.bookinfo.svc.cluster.local}
        #            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ destination-rule-ignored
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: ratings, namespace: bookinfo}
        spec: {host: ratings}`,
      fix: 'root namespace',
      output: {
        'dr.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: reviews, namespace: istio-system}
          spec: {host: reviews.bookinfo.svc.cluster.local}
          ---
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: ratings, namespace: bookinfo}
          spec: {host: ratings}`,
      },
    },
    {
      name: 'short host resolves in the DR namespace where no such Service exists: move and write the FQDN',
      messages: [
        'Host "reviews" is resolved in the DestinationRule\'s namespace, as reviews.ops.svc.cluster.local, and no Service defines that; Service reviews is in namespace bookinfo. Short names are not searched in other namespaces.',
      ],
      code: `${BOOKINFO}
        #- ops/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: reviews
          namespace: ops
        spec:
          host: reviews
        #       ^^^^^^^ destination-rule-ignored`,
      output: {
        'ops/dr.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata:
            name: reviews
            namespace: bookinfo
          spec:
            host: reviews.bookinfo.svc.cluster.local`,
      },
    },
    {
      name: 'short host in a namespace with clients: the preferred fix keeps it there with the FQDN',
      messages: [
        'Host "reviews" is resolved in the DestinationRule\'s namespace, as reviews.frontend.svc.cluster.local, and no Service defines that; Service reviews is in namespace bookinfo. Short names are not searched in other namespaces.',
      ],
      code: `${BOOKINFO}
        #- frontend/all.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: frontend}
        spec: {template: {metadata: {labels: {app: web}}}}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: frontend}
        spec: {host: "reviews", trafficPolicy: {loadBalancer: {simple: LEAST_REQUEST}}}
        #            ^^^^^^^^^ destination-rule-ignored`,
      output: {
        'frontend/all.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: web, namespace: frontend}
          spec: {template: {metadata: {labels: {app: web}}}}
          ---
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: reviews, namespace: frontend}
          spec: {host: "reviews.bookinfo.svc.cluster.local", trafficPolicy: {loadBalancer: {simple: LEAST_REQUEST}}}`,
      },
    },
    {
      name: 'namespace from a kustomization: reported, but no move is offered (kustomize would undo it)',
      messages: [
        "This DestinationRule for reviews.bookinfo.svc.cluster.local is never applied: it is in namespace ops, which is neither the service's namespace (bookinfo) nor the root namespace (istio-system), and no workload in the workspace runs in ops. Istio only looks up DestinationRules in the client's, the service's and the root namespace.",
      ],
      code: `${BOOKINFO}
        #- ops/kustomization.yaml
        namespace: ops
        resources: [dr.yaml]
        #- ops/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews}
        spec:
          host: reviews.bookinfo.svc.cluster.local
        #       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ destination-rule-ignored`,
    },
    {
      name: 'a Helm chart whose namespace is templated counts for the default namespace only',
      messages: [
        "This DestinationRule for reviews.bookinfo.svc.cluster.local is never applied: it is in namespace ops, which is neither the service's namespace (bookinfo) nor the root namespace (istio-system), and no workload in the workspace runs in ops. Istio only looks up DestinationRules in the client's, the service's and the root namespace.",
      ],
      code: `${BOOKINFO}
        #- ops/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: ops}
        spec:
          host: reviews.bookinfo.svc.cluster.local
        #       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ destination-rule-ignored
        #- charts/tools/templates/deploy.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}
          namespace: {{ .Release.Namespace }}
        spec:
          template:
            metadata:
              labels: {app: tools}`,
    },
    {
      name: 'ServiceEntry host: the service namespace is the ServiceEntry namespace',
      messages: [
        "This DestinationRule for api.payments.example.com is never applied: it is in namespace default, which is neither the service's namespace (egress) nor the root namespace (istio-system), and no workload in the workspace runs in default. Istio only looks up DestinationRules in the client's, the service's and the root namespace.",
      ],
      code: `${BOOKINFO}
        #- egress/se.yaml
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: payments-api, namespace: egress}
        spec: {hosts: [api.payments.example.com], location: MESH_EXTERNAL, ports: [{number: 443, name: tls, protocol: TLS}]}
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: payments-api, namespace: default}
        spec:
          host: api.payments.example.com
        #       ^^^^^^^^^^^^^^^^^^^^^^^^ destination-rule-ignored
          trafficPolicy: {tls: {mode: SIMPLE}}`,
      fix: 'Move to namespace egress',
    },
  ],
});

describe('destination-rule-ignored: the order of its fixes', () => {
  const titles = (code: string) => {
    const fixture = parseFixture(code);
    const [f] = placedFindings(analyzeFixture(fixture), fixture.files.keys()).filter(
      x => x.ruleId === 'destination-rule-ignored',
    );
    return (f?.finding.fixes ?? []).map(x => `${x.isPreferred ? '* ' : ''}${x.title}`);
  };

  it("a team's rule with a short host: the service's namespace, then the full host name; the root namespace last, never preferred", () => {
    assert.deepStrictEqual(
      titles(`${BOOKINFO}
        #- team/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: team}
        spec: {host: reviews}`),
      [
        "* Move to namespace bookinfo (the service's namespace) and set host to reviews.bookinfo.svc.cluster.local",
        'Use the full host name reviews.bookinfo.svc.cluster.local',
        'Move to the root namespace istio-system (applies mesh-wide) and set host to reviews.bookinfo.svc.cluster.local',
      ],
    );
  });

  it('with a rule for the host already in the service namespace, the full host name is still offered before the root namespace', () => {
    assert.deepStrictEqual(
      titles(`${BOOKINFO}
        #- bookinfo/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: bookinfo}
        spec: {host: reviews}
        #- team/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: team}
        spec: {host: reviews}`),
      [
        'Use the full host name reviews.bookinfo.svc.cluster.local',
        'Move to the root namespace istio-system (applies mesh-wide) and set host to reviews.bookinfo.svc.cluster.local',
      ],
    );
  });
});
