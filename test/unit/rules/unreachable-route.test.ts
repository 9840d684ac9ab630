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
    {
      name: 'prefix coverage is exact: longer prefix first, conditions the later match lacks, case, regex',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: api}
        spec:
          hosts: [api]
          gateways: [mesh, edge]
          http:
          - match: [{uri: {prefix: /api/v2}}]
            route: [{destination: {host: api, subset: v2}}]
          - match: [{uri: {prefix: /api}, headers: {x-canary: {exact: "1"}}}]
            route: [{destination: {host: api, subset: canary}}]
          - match: [{uri: {prefix: /api}, port: 8080}]
            route: [{destination: {host: api, subset: v1}}]
          - match: [{uri: {prefix: /api}, gateways: [edge]}]
            route: [{destination: {host: api, subset: v1}}]
          - match: [{uri: {prefix: /api}, sourceLabels: {app: web, version: v2}}]
            route: [{destination: {host: api, subset: v1}}]
          - match: [{uri: {prefix: /api}, queryParams: {debug: {exact: "1"}}}]
            route: [{destination: {host: api, subset: v1}}]
          - match: [{uri: {prefix: /legacy}}]
            route: [{destination: {host: api, subset: v1}}]
          - match: [{uri: {prefix: /Legacy/x}, ignoreUriCase: true}]
            route: [{destination: {host: api, subset: v1}}]
          - match: [{uri: {regex: "/api/v[0-9]+"}}]
            route: [{destination: {host: api, subset: v1}}]
          - match: [{uri: {prefix: /api/v3}}, {uri: {prefix: /api}, gateways: [edge, mesh]}, {uri: {prefix: /api}, sourceLabels: {app: web}}]
            route: [{destination: {host: api, subset: v3}}]
          - route: [{destination: {host: api, subset: v1}}]`,
    },
    {
      name: 'tcp and tls routes with different ports, subnets or SNI hosts',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: db}
        spec:
          hosts: [db.example.com]
          tcp:
          - match: [{port: 27017}]
            route: [{destination: {host: mongo-a}}]
          - match: [{port: 27018}, {destinationSubnets: [10.0.0.0/8]}]
            route: [{destination: {host: mongo-b}}]
          - route: [{destination: {host: mongo-c}}]
          tls:
          - match: [{sniHosts: [a.example.com], port: 443}]
            route: [{destination: {host: a}}]
          - match: [{sniHosts: [a.example.com], port: 8443}, {sniHosts: [a.example.com, b.example.com], port: 443}]
            route: [{destination: {host: b}}]`,
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
    {
      name: 'a longer prefix after a shorter one, with conditions no narrower (headers, method, gateways, labels)',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: api}
        spec:
          hosts: [api]
          gateways: [mesh, edge]
          http:
          - name: api
            match: [{uri: {prefix: /api}}]
            route: [{destination: {host: api, subset: v1}}]
          - name: v2
            match:
            - uri: {prefix: /api/v2}
        #     ^^^ unreachable-route
              headers: {x-user: {exact: jason}}
            - uri: {exact: /api}
        #     ^^^ unreachable-route
              method: {exact: GET}
            - uri: {prefix: /apis}
        #     ^^^ unreachable-route
              gateways: [edge]
              sourceLabels: {app: web}
            - uri: {prefix: /ap}
            route: [{destination: {host: api, subset: v2}}]`,
      messages: [
        'This match of route #1 "v2" is never used: #0 "api" before it (uri prefix "/api") already takes every request it matches. Put the narrower match first.',
        'This match of route #1 "v2" is never used: #0 "api" before it (uri prefix "/api") already takes every request it matches. Put the narrower match first.',
        'This match of route #1 "v2" is never used: #0 "api" before it (uri prefix "/api") already takes every request it matches. Put the narrower match first.',
      ],
    },
    {
      name: 'case, header presence, query params and gateways of the earlier match cover the later one',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: api}
        spec:
          hosts: [api]
          gateways: [edge, internal]
          http:
          - match: [{uri: {prefix: /API}, ignoreUriCase: true, headers: {x-debug: {}}, queryParams: {v: {prefix: "2"}}, gateways: [edge, internal]}]
            route: [{destination: {host: api, subset: debug}}]
          - match: [{uri: {exact: /api/users}, headers: {X-Debug: {exact: "on"}}, queryParams: {v: {exact: "2.1"}}, gateways: [edge]}]
        #            ^^^ unreachable-route
            route: [{destination: {host: api, subset: v1}}]
          - match: [{uri: {prefix: /api/b}, ignoreUriCase: true, headers: {x-debug: {regex: ".*"}}, queryParams: {v: {exact: "2"}}, gateways: [internal]}]
        #            ^^^ unreachable-route
            route: [{destination: {host: api, subset: v1}}]`,
      messages: [
        /^This match of route #1 is never used: #0 before it \(uri prefix "\/API", headers x-debug, queryParams v, …\) already takes every request it matches/,
        /^This match of route #2 is never used: #0 before it/,
      ],
    },
    {
      name: 'tcp: a route after one without match, and a duplicate port match',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: db}
        spec:
          hosts: [db]
          tcp:
          - match: [{port: 5432, sourceLabels: {app: api}}]
            route: [{destination: {host: db-primary}}]
          - match: [{sourceLabels: {app: api, tier: batch}, port: 5432}]
        #            ^^^^^^^^^^^^ unreachable-route
            route: [{destination: {host: db-replica}}]
          - route: [{destination: {host: db-primary}}]
          - match: [{port: 5433}]
        #   ^^^^^ unreachable-route
            route: [{destination: {host: db-replica}}]`,
      messages: [
        'This match of tcp route #1 is never used: #0 before it already takes every connection it matches.',
        'tcp route #3 is never used: #2 before it has no match and takes every connection. Put it last.',
      ],
    },
    {
      name: 'tls: the same SNI hosts (in another order) on no narrower conditions',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: passthrough}
        spec:
          hosts: [a.example.com, b.example.com]
          gateways: [edge]
          tls:
          - name: both
            match: [{sniHosts: [a.example.com, b.example.com]}]
            route: [{destination: {host: backend-a}}]
          - name: again
            match: [{port: 443, sniHosts: [b.example.com, a.example.com]}]
        #            ^^^^ unreachable-route
            route: [{destination: {host: backend-b}}]`,
      messages: [
        'This match of tls route #1 "again" is never used: #0 "both" before it already takes every connection it matches.',
      ],
    },
  ],
});
