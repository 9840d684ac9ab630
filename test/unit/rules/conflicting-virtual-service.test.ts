import { ruleTester } from '../../harness/ruleTester';

const GATEWAY = `
        #- ingress/gw.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: public, namespace: ingress}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*/shop.example.com"]}]`;

ruleTester('conflicting-virtual-service', {
  valid: [
    {
      name: 'same short name in two namespaces resolves to two hosts',
      code: `
        #- a.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        spec: {hosts: [reviews], http: [{route: [{destination: {host: reviews}}]}]}
        #- b.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: staging}
        spec: {hosts: [reviews], http: [{route: [{destination: {host: reviews}}]}]}`,
    },
    {
      name: 'exportTo "." in different namespaces: no namespace sees both',
      code: `
        #- a.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: api, namespace: team-a}
        spec: {hosts: [api.example.com], exportTo: ["."], http: [{route: [{destination: {host: api-a}}]}]}
        #- b.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: api, namespace: team-b}
        spec: {hosts: [api.example.com], exportTo: ["."], http: [{route: [{destination: {host: api-b}}]}]}`,
    },
    {
      name: 'gateway VirtualServices split by path are merged by Istio',
      code: `${GATEWAY}
        #- shop/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop-api, namespace: shop}
        spec:
          hosts: [shop.example.com]
          gateways: [ingress/public]
          http: [{match: [{uri: {prefix: /api}}], route: [{destination: {host: api}}]}]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop-web, namespace: shop}
        spec:
          hosts: [shop.example.com]
          gateways: [ingress/public]
          http: [{match: [{uri: {prefix: /}}], route: [{destination: {host: web}}]}]`,
    },
    {
      name: 'one host on a gateway and the same host for the mesh',
      code: `${GATEWAY}
        #- shop/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: edge, namespace: shop}
        spec:
          hosts: [shop.example.com]
          gateways: [ingress/public]
          http: [{route: [{destination: {host: web}}]}]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: internal, namespace: shop}
        spec:
          hosts: [shop.example.com]
          http: [{route: [{destination: {host: web}}]}]`,
    },
  ],
  invalid: [
    {
      name: 'two mesh VirtualServices for one host (FQDN and short name), IST0109',
      messages: [
        'VirtualService team-1/productpage also defines productpage.default.svc.cluster.local for the mesh (sidecars), visible in the same namespaces. Sidecars use one VirtualService per host, the oldest, and ignore the other: merge them into one.',
        'VirtualService default/custom also defines productpage.default.svc.cluster.local for the mesh (sidecars), visible in the same namespaces. Sidecars use one VirtualService per host, the oldest, and ignore the other: merge them into one.',
      ],
      code: `
        #- team-1/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: productpage, namespace: team-1}
        spec:
          hosts:
          - productpage.default.svc.cluster.local
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ conflicting-virtual-service
          http: [{route: [{destination: {host: productpage.default.svc.cluster.local}}]}]
        #- default/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: custom, namespace: default}
        spec:
          hosts: [productpage]
        #         ^^^^^^^^^^^ conflicting-virtual-service
          http: [{route: [{destination: {host: productpage, subset: v2}}]}]`,
    },
    {
      name: 'two VirtualServices on one gateway, one with a catch-all route (kustomize namespace)',
      messages: [
        "VirtualService shop/shop-api also defines shop.example.com on Gateway ingress/public, and this one has a route without match. Istio merges the routes of both in creation order, so that route may shadow the other VirtualService's routes depending on apply order: merge them, or give every route a match.",
        "VirtualService legacy/shop-legacy also defines shop.example.com on Gateway ingress/public, and that one has a route without match. Istio merges the routes of both in creation order, so that route may shadow the other VirtualService's routes depending on apply order: merge them, or give every route a match.",
      ],
      code: `${GATEWAY}
        #- shop/kustomization.yaml
        namespace: shop
        resources: [vs.yaml]
        #- shop/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop-api}
        spec:
          hosts: [shop.example.com]
        #         ^^^^^^^^^^^^^^^^ conflicting-virtual-service
          gateways: [ingress/public]
          http: [{match: [{uri: {prefix: /api}}], route: [{destination: {host: api}}]}]
        #- legacy/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop-legacy, namespace: legacy}
        spec:
          hosts: [shop.example.com]
        #         ^^^^^^^^^^^^^^^^ conflicting-virtual-service
          gateways: [ingress/public]
          http: [{route: [{destination: {host: legacy-shop}}]}]`,
    },
    {
      name: 'a VirtualService bound to a gateway and the mesh conflicts on the mesh, multi-document',
      messages: [
        'VirtualService shop/web also defines web.shop.svc.cluster.local for the mesh (sidecars), visible in the same namespaces. Sidecars use one VirtualService per host, the oldest, and ignore the other: merge them into one.',
        'VirtualService shop/both also defines web.shop.svc.cluster.local for the mesh (sidecars), visible in the same namespaces. Sidecars use one VirtualService per host, the oldest, and ignore the other: merge them into one.',
      ],
      code: `${GATEWAY}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: both, namespace: shop}
        spec:
          hosts: [web, shop.example.com]
        #         ^^^ conflicting-virtual-service
          gateways: [ingress/public, mesh]
          http: [{match: [{uri: {prefix: /}}], route: [{destination: {host: web}}]}]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: shop}
        spec:
          hosts: [web.shop.svc.cluster.local]
        #         ^^^^^^^^^^^^^^^^^^^^^^^^^^ conflicting-virtual-service
          exportTo: ["."]
          http: [{route: [{destination: {host: web}}]}]`,
    },
  ],
});
