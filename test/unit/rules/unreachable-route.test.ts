import { ruleTester } from '../../harness/ruleTester';

ruleTester('unreachable-route', {
  valid: [
    {
      name: 'specific routes first, catch-all last (bookinfo reviews)',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews}
        spec:
          hosts: [reviews]
          http:
          - match:
            - headers: {end-user: {exact: jason}}
            route:
            - destination: {host: reviews, subset: v2}
          - route:
            - destination: {host: reviews, subset: v1}`,
    },
    {
      name: 'same uri with different headers; a gateway-scoped match is not a catch-all',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          gateways: [mesh, bookinfo-gateway]
          http:
          - match: [{gateways: [bookinfo-gateway]}]
            route: [{destination: {host: reviews, subset: v2}}]
          - match: [{uri: {prefix: /api}, headers: {x-canary: {exact: "1"}}}]
            route: [{destination: {host: reviews, subset: v3}}]
          - match: [{uri: {prefix: /api}}]
            route: [{destination: {host: reviews, subset: v1}}]
          - route: [{destination: {host: reviews, subset: v1}}]`,
    },
    {
      name: 'matches differing only by order of keys are the same; different names do not matter, but values do',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - match: [{uri: {exact: /a}, method: {exact: GET}}]
            route: [{destination: {host: reviews}}]
          - match: [{method: {exact: POST}, uri: {exact: /a}}]
            route: [{destination: {host: reviews}}]`,
    },
  ],
  invalid: [
    {
      name: 'a route after a route without match',
      messages: ['Route #1 is never used: #0 before it matches every request. Put catch-all routes last.'],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews, subset: v1}
          - match:
        #   ^^^^^ unreachable-route
            - headers: {end-user: {exact: jason}}
            route:
            - destination: {host: reviews, subset: v2}`,
    },
    {
      name: 'a route after uri prefix / (and a second route without match)',
      messages: [
        'Route #1 "fallback" is never used: #0 "all" before it matches every request. Put catch-all routes last.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - name: all
            match: [{uri: {prefix: /}}]
            route: [{destination: {host: reviews}}]
          - name: fallback
        #   ^^^^ unreachable-route
            route: [{destination: {host: reviews, subset: v1}}]`,
    },
    {
      name: 'a duplicate match (keys in another order, different match name); multi-document',
      messages: ['This match of route #1 is never used: #0 has the same match.'],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec: {host: reviews, subsets: [{name: v1, labels: {version: v1}}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - match:
            - {name: a, uri: {prefix: /v1}, method: {exact: GET}}
            route: [{destination: {host: reviews, subset: v1}}]
          - match:
            - uri: {prefix: /v2}
            - method: {exact: GET}
        #     ^^^^^^ unreachable-route
              uri: {prefix: /v1}
              name: b
            route: [{destination: {host: reviews}}]`,
    },
  ],
});
