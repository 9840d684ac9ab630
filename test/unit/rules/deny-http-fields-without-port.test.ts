import { ruleTester } from '../../harness/ruleTester';

ruleTester('deny-http-fields-without-port', {
  valid: [
    {
      name: 'a template may add the ports (a file with {{ }}, in a chart or not)',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: deny-admin}
        spec:
          action: DENY
          rules:
          - to:
            - operation:
                paths: [/admin]
                {{- include "admin.ports" . | nindent 8 }}`,
    },
    {
      name: 'DENY with methods and ports',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: deny-delete}
        spec:
          action: DENY
          rules:
          - to:
            - operation: {methods: [DELETE], ports: ["8080"]}`,
    },
    {
      name: 'ALLOW with HTTP fields (ignored for TCP, which fails closed)',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: allow-get}
        spec:
          action: ALLOW
          rules:
          - to:
            - operation: {methods: [GET], paths: [/api/*]}`,
    },
    {
      name: 'DENY on source namespaces only (TCP attribute)',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: deny-ns}
        spec:
          action: DENY
          rules:
          - from:
            - source: {notNamespaces: [prod]}`,
    },
  ],
  invalid: [
    {
      name: 'DENY on paths without ports',
      messages: [
        'This DENY rule matches on paths but sets no ports: on TCP (non-HTTP) ports of the selected workloads, paths cannot be checked and the rule denies every connection. Add to.operation.ports with the HTTP ports.',
      ],
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: deny-admin}
        spec:
          selector: {matchLabels: {app: web}}
          action: DENY
          rules:
          - to:
            - operation:
                paths: [/admin*]
        #       ^^^^^ deny-http-fields-without-port`,
    },
    {
      name: 'DENY from requestPrincipals only',
      messages: [
        'This DENY rule only matches on notRequestPrincipals (JWT), which TCP traffic does not carry: on TCP ports the rule denies every connection. Add a to.operation.ports condition.',
      ],
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: require-jwt}
        spec:
          action: DENY
          rules:
          - from:
            - source: {notRequestPrincipals: ["*"]}
        #              ^^^^^^^^^^^^^^^^^^^^ deny-http-fields-without-port`,
    },
    {
      name: 'principals plus methods: the to-part still has no ports; second rule of a List item',
      messages: [
        'This DENY rule matches on hosts but sets no ports: on TCP (non-HTTP) ports of the selected workloads, hosts cannot be checked and the rule denies every connection. Add to.operation.ports with the HTTP ports.',
      ],
      code: `
        apiVersion: v1
        kind: List
        items:
        - apiVersion: security.istio.io/v1
          kind: AuthorizationPolicy
          metadata: {name: p}
          spec:
            action: DENY
            rules:
            - to: [{operation: {ports: ["9000"]}}]
            - from: [{source: {principals: [cluster.local/ns/a/sa/b]}}]
              to: [{operation: {hosts: [admin.example.com], methods: [POST]}}]
        #                       ^^^^^ deny-http-fields-without-port`,
    },
  ],
});
