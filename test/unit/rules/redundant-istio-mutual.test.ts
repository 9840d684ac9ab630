import { ruleTester } from '../../harness/ruleTester';

ruleTester('redundant-istio-mutual', {
  valid: [
    {
      name: 'external host',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: egress}
        spec:
          host: api.example.com
          trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}`,
    },
    {
      name: 'ISTIO_MUTUAL with a custom sni (egress gateway pattern)',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: egressgateway-for-cnn}
        spec:
          host: istio-egressgateway.istio-system.svc.cluster.local
          trafficPolicy:
            tls: {mode: ISTIO_MUTUAL, sni: edition.cnn.com}`,
    },
    {
      name: 'other modes and subset-level ISTIO_MUTUAL are left alone',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          trafficPolicy: {tls: {mode: DISABLE}}
          subsets:
          - name: v1
            labels: {version: v1}
            trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}`,
    },
  ],
  invalid: [
    {
      name: 'short name: the whole trafficPolicy goes when it only sets tls',
      messages: [
        'ISTIO_MUTUAL is redundant for ratings: auto mTLS already uses Istio mTLS to workloads with a sidecar (and this setting breaks calls to workloads without one).',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: ratings}
        spec:
          host: ratings
          trafficPolicy:
            tls:
              mode: ISTIO_MUTUAL
        #           ^^^^^^^^^^^^ redundant-istio-mutual
          subsets:
          - name: v1
            labels: {version: v1}`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: ratings}
          spec:
            host: ratings
            subsets:
            - name: v1
              labels: {version: v1}`,
      },
    },
    {
      name: 'FQDN: only tls goes when the policy sets more',
      messages: [
        'ISTIO_MUTUAL is redundant for reviews.prod.svc.cluster.local: auto mTLS already uses Istio mTLS to workloads with a sidecar (and this setting breaks calls to workloads without one).',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews}
        spec:
          host: reviews.prod.svc.cluster.local
          trafficPolicy:
            loadBalancer: {simple: RANDOM}
            tls: {mode: ISTIO_MUTUAL}
        #               ^^^^^^^^^^^^ redundant-istio-mutual`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: reviews}
          spec:
            host: reviews.prod.svc.cluster.local
            trafficPolicy:
              loadBalancer: {simple: RANDOM}`,
      },
    },
    {
      name: 'flow style, in a List',
      messages: [
        'ISTIO_MUTUAL is redundant for details: auto mTLS already uses Istio mTLS to workloads with a sidecar (and this setting breaks calls to workloads without one).',
      ],
      code: `
        apiVersion: v1
        kind: List
        items:
        - apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: details}
          spec: {host: details, trafficPolicy: {connectionPool: {tcp: {maxConnections: 10}}, tls: {mode: ISTIO_MUTUAL}}}
        #                                                                                                ^^^^^^^^^^^^ redundant-istio-mutual`,
      output: {
        'test.yaml': `
          apiVersion: v1
          kind: List
          items:
          - apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: details}
            spec: {host: details, trafficPolicy: {connectionPool: {tcp: {maxConnections: 10}}}}`,
      },
    },
  ],
});
