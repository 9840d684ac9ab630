import { ruleTester } from '../../harness/ruleTester';

ruleTester('subset-not-found', {
  valid: [
    {
      name: 'a DestinationRule whose subsets a template line may extend (no chart, no inline action)',
      code: `
        #- vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: shop}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews, subset: v2}
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: shop}
        spec:
          host: reviews
          subsets:
          - name: v1
            labels: {version: v1}
          {{- include "reviews.extraSubsets" . | nindent 2 }}`,
    },
    {
      name: 'bookinfo: subsets defined by the DR in the same namespace',
      code: `
        #- vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: reviews
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews, subset: v1}
              weight: 75
            - destination: {host: reviews, subset: v2}
              weight: 25
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: reviews
        spec:
          host: reviews
          subsets:
          - name: v1
            labels:
              version: v1
          - name: v2
            labels:
              version: v2`,
    },
    {
      name: 'FQDN in the VS resolves to the short DR host of the service namespace',
      code: `
        #- frontend/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: to-reviews, namespace: frontend}
        spec:
          hosts: [reviews.bookinfo.svc.cluster.local]
          http:
          - route:
            - destination: {host: reviews.bookinfo.svc.cluster.local, subset: v2}
        #- bookinfo/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          host: reviews
          subsets: [{name: v2, labels: {version: v2}}]`,
    },
    {
      name: 'wildcard DR in the root namespace applies',
      code: `
        #- vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r, namespace: shop}
        spec:
          hosts: [cart]
          http:
          - mirror: {host: cart, subset: canary}
            route:
            - destination: {host: cart}
        #- mesh/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: all, namespace: istio-system}
        spec:
          host: "*.shop.svc.cluster.local"
          subsets: [{name: canary, labels: {track: canary}}]`,
    },
    {
      name: 'kustomization namespace puts the DR next to the VS',
      code: `
        #- base/kustomization.yaml
        resources: [vs.yaml, dr.yaml]
        namespace: payments
        #- base/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: pay}
        spec:
          hosts: [pay]
          tcp:
          - route:
            - destination: {host: pay.payments.svc.cluster.local, subset: blue}
        #- base/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: pay}
        spec:
          host: pay
          subsets: [{name: blue, labels: {color: blue}}]`,
    },
    {
      name: 'two DRs for the same host merge their subsets; multi-document file',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews, subset: v1}
            mirrors:
            - destination: {host: reviews, subset: v9}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: a}
        spec: {host: reviews, subsets: [{name: v1, labels: {version: v1}}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: b}
        spec: {host: reviews, subsets: [{name: v9, labels: {version: v9}}]}`,
    },
    {
      name: 'a Helm-templated DR could define the subset: silent',
      code: `
        #- vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews, subset: v3}
        #- chart/templates/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: {{ .Values.name }}
        spec:
          host: {{ .Values.host }}
          subsets:
          - name: v1`,
    },
    {
      name: 'a DR in a namespace without workloads shadows nothing (it is never applied)',
      code: `
        #- back/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: back}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews, subset: v2}
        #- back/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: back}
        spec:
          host: reviews
          subsets: [{name: v2, labels: {version: v2}}]
        #- team/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews-pool, namespace: team}
        spec:
          host: reviews.back.svc.cluster.local
          trafficPolicy: {connectionPool: {tcp: {maxConnections: 10}}}`,
    },
  ],
  invalid: [
    {
      name: 'route to an undefined subset',
      code: `
        #- vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: reviews
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination:
                host: reviews
                subset: v3
        #               ^^ subset-not-found
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: reviews
        spec:
          host: reviews
          subsets:
          - name: v1
            labels:
              version: v1
          - name: v2
            labels:
              version: v2`,
      messages: [
        'Subset "v3" is not defined by DestinationRule default/reviews for reviews.default.svc.cluster.local. Defined subsets: "v1", "v2".',
      ],
      fix: 'Add subset "v3" to DestinationRule default/reviews in dr.yaml',
      output: {
        'dr.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata:
            name: reviews
          spec:
            host: reviews
            subsets:
            - name: v1
              labels:
                version: v1
            - name: v2
              labels:
                version: v2
            - name: v3
              labels:
                version: v3`,
      },
    },
    {
      name: 'typo gets "did you mean" and the preferred fix replaces it',
      messages: [
        'Subset "canray" is not defined by DestinationRule default/reviews for reviews.default.svc.cluster.local. Defined subsets: "canary", "stable". Did you mean "canary"?',
      ],
      code: `
        #- vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews, subset: canray}
        #                                          ^^^^^^ subset-not-found
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews}
        spec:
          host: reviews
          subsets: [{name: canary, labels: {track: canary}}, {name: stable, labels: {track: stable}}]`,
      output: {
        'vs.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: r}
          spec:
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews, subset: canary}`,
      },
    },
    {
      name: 'DR in another namespace is not visible to the VS clients (short host resolves differently)',
      messages: [
        'Subset "v1" is not defined: no DestinationRule for reviews.app.svc.cluster.local applies to clients in namespace app.',
      ],
      code: `
        #- app/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r, namespace: app}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews, subset: v1}
        #                                          ^^ subset-not-found
        #- other/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: other}
        spec:
          host: reviews
          subsets: [{name: v1, labels: {version: v1}}]`,
      fix: 'Create DestinationRule',
    },
    {
      name: 'exportTo "." hides the service-namespace DR from a client namespace',
      messages: [
        'Subset "v1" is not defined: no DestinationRule for reviews.back.svc.cluster.local applies to clients in namespace front.',
      ],
      code: `
        #- front/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r, namespace: front}
        spec:
          hosts: [reviews.back.svc.cluster.local]
          http:
          - route:
            - destination: {host: reviews.back.svc.cluster.local, subset: v1}
        #                                                                 ^^ subset-not-found
        #- back/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: back}
        spec:
          host: reviews
          exportTo: ["."]
          subsets: [{name: v1, labels: {version: v1}}]`,
    },
    {
      name: 'a client-namespace DR without the subset shadows the service DR',
      messages: [
        'Subset "v2" is not defined by DestinationRule front/reviews-pool for reviews.back.svc.cluster.local as seen by clients in namespace front. Defined subsets: none.',
      ],
      code: `
        #- back/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: back}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews, subset: v2}
        #                                          ^^ subset-not-found
        #- back/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: back}
        spec:
          host: reviews
          subsets: [{name: v2, labels: {version: v2}}]
        #- front/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews-pool, namespace: front}
        spec:
          host: reviews.back.svc.cluster.local
          trafficPolicy: {connectionPool: {tcp: {maxConnections: 10}}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: front}
        spec: {template: {metadata: {labels: {app: web}}}}`,
    },
    {
      name: 'mirror and tls routes are checked, in a multi-document file',
      messages: [
        'Subset "shadow" is not defined by DestinationRule default/db for db.default.svc.cluster.local. Defined subsets: "primary".',
        'Subset "replica" is not defined by DestinationRule default/db for db.default.svc.cluster.local. Defined subsets: "primary".',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: db}
        spec: {host: db, subsets: [{name: primary, labels: {role: primary}}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: db}
        spec:
          hosts: [db]
          http:
          - route:
            - destination: {host: db, subset: primary}
            mirror: {host: db, subset: shadow}
        #                              ^^^^^^ subset-not-found
          tls:
          - match: [{sniHosts: [db]}]
            route:
            - destination: {host: db, subset: replica}
        #                                     ^^^^^^^ subset-not-found`,
      fix: 'Add subset "shadow"',
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: db}
          spec: {host: db, subsets: [{name: primary, labels: {role: primary}}, {name: shadow, labels: {role: shadow}}]}
          ---
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: db}
          spec:
            hosts: [db]
            http:
            - route:
              - destination: {host: db, subset: primary}
              mirror: {host: db, subset: shadow}
            tls:
            - match: [{sniHosts: [db]}]
              route:
              - destination: {host: db, subset: replica}`,
      },
    },
  ],
});
