import { ruleTester } from '../../harness/ruleTester';

ruleTester('conflicting-http-actions', {
  valid: [
    {
      name: 'redirect alone (with headers), and route with rewrite and fault',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [web.example.com]
          http:
          - match: [{uri: {exact: /old}}]
            redirect: {uri: /new, redirectCode: 301}
            headers: {response: {set: {x-moved: "1"}}}
          - rewrite: {uri: /}
            fault: {abort: {httpStatus: 503, percentage: {value: 1}}}
            route: [{destination: {host: web}}]`,
    },
    {
      name: 'an empty route list next to a redirect is not a conflict',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [web]
          http:
          - redirect: {authority: new.example.com}
            route: []`,
    },
    {
      name: 'directResponse routes are not redirects',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [web]
          http:
          - directResponse: {status: 503}
          - route: [{destination: {host: web}}]`,
    },
  ],
  invalid: [
    {
      name: 'redirect and route: drop the route',
      messages: [
        'Istio rejects this route: it cannot contain both route and redirect (a redirect answers the request itself, so nothing is forwarded, rewritten or fault-injected).',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [web]
          http:
          - match: [{uri: {prefix: /old}}]
            redirect:
              uri: /new
            route:
        #   ^^^^^ conflicting-http-actions
            - destination: {host: web}`,
      fix: 'Remove route',
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: r}
          spec:
            hosts: [web]
            http:
            - match: [{uri: {prefix: /old}}]
              redirect:
                uri: /new`,
      },
    },
    {
      name: 'redirect with rewrite and fault: drop the redirect',
      messages: [
        'Istio rejects this route: it cannot contain both rewrite and redirect (a redirect answers the request itself, so nothing is forwarded, rewritten or fault-injected).',
        'Istio rejects this route: it cannot contain both fault and redirect (a redirect answers the request itself, so nothing is forwarded, rewritten or fault-injected).',
        'Istio rejects this route: it cannot contain both route and redirect (a redirect answers the request itself, so nothing is forwarded, rewritten or fault-injected).',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [web]
          http:
          - redirect: {uri: /v2}
            rewrite: {uri: /v2}
        #   ^^^^^^^ conflicting-http-actions
            fault: {delay: {fixedDelay: 1s, percentage: {value: 5}}}
        #   ^^^^^ conflicting-http-actions
            route: [{destination: {host: web}}]
        #   ^^^^^ conflicting-http-actions`,
      fix: 'Remove redirect',
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: r}
          spec:
            hosts: [web]
            http:
            - rewrite: {uri: /v2}
              fault: {delay: {fixedDelay: 1s, percentage: {value: 5}}}
              route: [{destination: {host: web}}]`,
      },
    },
    {
      name: 'flow-style route in a List item',
      messages: [
        'Istio rejects this route: it cannot contain both route and redirect (a redirect answers the request itself, so nothing is forwarded, rewritten or fault-injected).',
      ],
      code: `
        apiVersion: v1
        kind: List
        items:
        - apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: r}
          spec:
            hosts: [web]
            http:
            - {redirect: {scheme: https}, route: [{destination: {host: web}}]}
        #                                 ^^^^^ conflicting-http-actions`,
      fix: 'Remove route',
      output: {
        'test.yaml': `
          apiVersion: v1
          kind: List
          items:
          - apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: r}
            spec:
              hosts: [web]
              http:
              - {redirect: {scheme: https}}`,
      },
    },
  ],
});
