import { ruleTester } from '../../harness/ruleTester';

ruleTester('duplicate-destination-rule', {
  valid: [
    {
      name: 'one rule per host and namespace',
      code: `
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: bookinfo}
        spec: {host: reviews}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: ratings, namespace: bookinfo}
        spec: {host: ratings}`,
    },
    {
      name: 'same host in different namespaces (client-side override), short names resolving differently',
      code: `
        #- bookinfo/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: bookinfo}
        spec: {host: reviews}
        #- front/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: front}
        spec: {host: reviews.bookinfo.svc.cluster.local}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews-local, namespace: front}
        spec: {host: reviews}`,
    },
    {
      name: 'a rule with a workloadSelector is merged separately',
      code: `
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: bookinfo}
        spec: {host: reviews}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews-for-web, namespace: bookinfo}
        spec:
          host: reviews
          workloadSelector: {matchLabels: {app: web}}`,
    },
    {
      name: 'a wildcard and an exact host are different hosts',
      code: `
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: all, namespace: bookinfo}
        spec: {host: "*.bookinfo.svc.cluster.local"}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: bookinfo}
        spec: {host: reviews}`,
    },
  ],
  invalid: [
    {
      name: 'short name and FQDN of the same host in one namespace: both reported',
      messages: [
        'reviews.bookinfo.svc.cluster.local is also configured in namespace bookinfo by DestinationRule reviews-tls (b.yaml). Istio merges such rules in creation order: only the oldest top-level trafficPolicy and exportTo apply and a subset defined twice keeps its first definition, so the result depends on apply order. Keep one DestinationRule per host.',
        'reviews.bookinfo.svc.cluster.local is also configured in namespace bookinfo by DestinationRule reviews (a.yaml). Istio merges such rules in creation order: only the oldest top-level trafficPolicy and exportTo apply and a subset defined twice keeps its first definition, so the result depends on apply order. Keep one DestinationRule per host.',
      ],
      code: `
        #- a.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          host: reviews
        #       ^^^^^^^ duplicate-destination-rule
          subsets: [{name: v1, labels: {version: v1}}]
        #- b.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews-tls, namespace: bookinfo}
        spec:
          host: reviews.bookinfo.svc.cluster.local
        #       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ duplicate-destination-rule
          trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}`,
    },
    {
      name: 'kustomization namespace makes two files collide',
      messages: [
        'cart.shop.svc.cluster.local is also configured in namespace shop by DestinationRule cart-pool (../extra/dr.yaml). Istio merges such rules in creation order: only the oldest top-level trafficPolicy and exportTo apply and a subset defined twice keeps its first definition, so the result depends on apply order. Keep one DestinationRule per host.',
        'cart.shop.svc.cluster.local is also configured in namespace shop by DestinationRule cart (../base/dr.yaml). Istio merges such rules in creation order: only the oldest top-level trafficPolicy and exportTo apply and a subset defined twice keeps its first definition, so the result depends on apply order. Keep one DestinationRule per host.',
      ],
      code: `
        #- base/kustomization.yaml
        namespace: shop
        resources: [dr.yaml, ../extra/dr.yaml]
        #- base/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: cart}
        spec: {host: cart}
        #            ^^^^ duplicate-destination-rule
        #- extra/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: cart-pool, namespace: shop}
        spec: {host: cart.shop.svc.cluster.local}
        #            ^^^^^^^^^^^^^^^^^^^^^^^^^^^ duplicate-destination-rule`,
    },
    {
      name: 'three wildcard rules in one multi-document file',
      messages: [
        '*.local is also configured in namespace istio-system by DestinationRule b (this file), DestinationRule c (this file). Istio merges such rules in creation order: only the oldest top-level trafficPolicy and exportTo apply and a subset defined twice keeps its first definition, so the result depends on apply order. Keep one DestinationRule per host.',
        '*.local is also configured in namespace istio-system by DestinationRule a (this file), DestinationRule c (this file). Istio merges such rules in creation order: only the oldest top-level trafficPolicy and exportTo apply and a subset defined twice keeps its first definition, so the result depends on apply order. Keep one DestinationRule per host.',
        '*.local is also configured in namespace istio-system by DestinationRule a (this file), DestinationRule b (this file). Istio merges such rules in creation order: only the oldest top-level trafficPolicy and exportTo apply and a subset defined twice keeps its first definition, so the result depends on apply order. Keep one DestinationRule per host.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: a, namespace: istio-system}
        spec: {host: "*.local"}
        #            ^^^^^^^^^ duplicate-destination-rule
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: b, namespace: istio-system}
        spec: {host: "*.local"}
        #            ^^^^^^^^^ duplicate-destination-rule
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: c, namespace: istio-system}
        spec: {host: "*.local"}
        #            ^^^^^^^^^ duplicate-destination-rule`,
    },
  ],
});
