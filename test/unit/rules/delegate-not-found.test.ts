import { ruleTester } from '../../harness/ruleTester';

const ROOT = (delegate: string) => `
        #- ingress/root.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: bookinfo, namespace: ingress}
        spec:
          hosts: [bookinfo.example.com]
          gateways: [public]
          http:
          - match: [{uri: {prefix: /reviews}}]
            delegate: ${delegate}`;

const DELEGATE = `
        #- bookinfo/reviews.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          http: [{match: [{uri: {prefix: /reviews/v2}}], route: [{destination: {host: reviews}}]}]`;

ruleTester('delegate-not-found', {
  valid: [
    {
      name: 'a delegate in another namespace',
      code: `${ROOT('{name: reviews, namespace: bookinfo}')}${DELEGATE}`,
    },
    {
      name: 'namespace defaults to the root VirtualService namespace; exportTo includes it',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: root, namespace: shop}
        spec:
          hosts: [shop.example.com]
          http: [{delegate: {name: cart}}]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: cart, namespace: shop}
        spec:
          exportTo: ["."]
          http: [{route: [{destination: {host: cart}}]}]`,
    },
    {
      name: 'a namespace the workspace shows no VirtualService of',
      code: ROOT('{name: reviews, namespace: team-b}'),
    },
  ],
  invalid: [
    {
      name: 'a delegate namespace missing: the VirtualService is in another namespace',
      messages: [
        'Delegate VirtualService ingress/reviews does not exist, so Istio skips this route. A delegate VirtualService reviews exists in namespace bookinfo.',
      ],
      code: `
        #- ingress/root.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: bookinfo, namespace: ingress}
        spec:
          hosts: [bookinfo.example.com]
          gateways: [public]
          http:
          - match: [{uri: {prefix: /reviews}}]
            delegate: {name: reviews}
        #                    ^^^^^^^ delegate-not-found${DELEGATE}`,
      output: {
        'ingress/root.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: bookinfo, namespace: ingress}
          spec:
            hosts: [bookinfo.example.com]
            gateways: [public]
            http:
            - match: [{uri: {prefix: /reviews}}]
              delegate: {name: reviews, namespace: bookinfo}`,
      },
    },
    {
      name: 'a typo in the delegate name (kustomize namespace)',
      messages: [
        'Delegate VirtualService bookinfo/reveiws does not exist, so Istio skips this route. Did you mean reviews?',
      ],
      code: `
        #- bookinfo/kustomization.yaml
        namespace: bookinfo
        resources: [vs.yaml]
        #- bookinfo/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: root}
        spec:
          hosts: [bookinfo.example.com]
          http:
          - delegate:
              name: reveiws
        #           ^^^^^^^ delegate-not-found
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews}
        spec:
          http: [{route: [{destination: {host: reviews}}]}]`,
      output: {
        'bookinfo/vs.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: root}
          spec:
            hosts: [bookinfo.example.com]
            http:
            - delegate:
                name: reviews
          ---
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: reviews}
          spec:
            http: [{route: [{destination: {host: reviews}}]}]`,
      },
    },
    {
      name: 'a delegate with hosts is not a delegate',
      messages: [
        'VirtualService shop/cart has hosts, so it is not a delegate: Istio only delegates to VirtualServices without hosts and skips this route.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: root, namespace: shop}
        spec:
          hosts: [shop.example.com]
          http:
          - delegate: {name: cart}
        #                    ^^^^ delegate-not-found
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: cart, namespace: shop}
        spec:
          hosts: [cart]
          http: [{route: [{destination: {host: cart}}]}]`,
    },
    {
      name: 'a delegate not exported to the root VirtualService namespace',
      messages: [
        'Delegate VirtualService shop/cart is not exported to namespace ingress (exportTo: .), so Istio skips this route.',
      ],
      code: `
        #- ingress/root.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: root, namespace: ingress}
        spec:
          hosts: [shop.example.com]
          http:
          - delegate: {name: cart, namespace: shop}
        #                    ^^^^ delegate-not-found
        #- shop/cart.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: cart, namespace: shop}
        spec:
          exportTo: ["."]
          http: [{route: [{destination: {host: cart}}]}]`,
    },
  ],
});
