import { ruleTester } from '../../harness/ruleTester';

const header = `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: httpbin, namespace: foo}
        spec:
          selector: {matchLabels: {app: httpbin}}`;

ruleTester('rules-or-not-and', {
  valid: [
    {
      name: "Istio's reference example: from, to and when in one rule",
      code: `${header}
          action: ALLOW
          rules:
          - from:
            - source: {principals: ["cluster.local/ns/default/sa/curl"]}
            - source: {namespaces: ["test"]}
            to:
            - operation: {methods: ["GET"], paths: ["/info*"]}
            - operation: {methods: ["POST"], paths: ["/data"]}
            when:
            - key: request.auth.claims[iss]
              values: ["https://accounts.google.com"]`,
    },
    {
      name: 'a deliberate OR: health and metrics endpoints open to everyone',
      code: `${header}
          rules:
          - from:
            - source: {principals: ["cluster.local/ns/web/sa/frontend"]}
          - to:
            - operation: {paths: ["/healthz", "/metrics"]}`,
    },
    {
      name: 'a deliberate OR: a port for everyone, CORS preflight, a conditions-only rule',
      code: `${header}
          rules:
          - from:
            - source: {namespaces: [istio-system]}
          - to:
            - operation: {ports: ["15020"]}
          - from:
            - source: {namespaces: [web]}
          - to:
            - operation: {methods: [OPTIONS]}
          - from:
            - source: {namespaces: [api]}
          - when:
            - key: request.auth.claims[groups]
              values: [admin]`,
    },
    {
      name: 'DENY policies OR their rules as intended',
      code: `${header}
          action: DENY
          rules:
          - from:
            - source: {notNamespaces: [foo]}
          - to:
            - operation: {paths: ["/admin*"]}`,
    },
  ],
  invalid: [
    {
      name: 'one dash too many in front of to: merged by the fix',
      code: `${header}
          action: ALLOW
          rules:
          - from:
            - source:
                principals: ["cluster.local/ns/default/sa/curl"]
          - to:
        #   ^^ rules-or-not-and
            - operation:
                methods: ["GET"]`,
      messages: [
        'Rules are OR-ed: rule 1 allows these sources everything, and rule 2 allows GET from any source. If this means "these sources may do GET", merge them into one rule (from and to together).',
      ],
      output: {
        'test.yaml': `
          apiVersion: security.istio.io/v1
          kind: AuthorizationPolicy
          metadata: {name: httpbin, namespace: foo}
          spec:
            selector: {matchLabels: {app: httpbin}}
            action: ALLOW
            rules:
            - from:
              - source:
                  principals: ["cluster.local/ns/default/sa/curl"]
              to:
              - operation:
                  methods: ["GET"]`,
      },
    },
    {
      name: 'to with when, the action left to its default',
      code: `${header}
          rules:
          - from:
            - source: {namespaces: [shop]}
          - to:
        #   ^^ rules-or-not-and
            - operation: {methods: [POST], paths: ["/orders"]}
            when:
            - key: request.headers[x-tenant]
              values: [acme]`,
      messages: [/rule 2 allows POST \/orders from any source/],
    },
    {
      name: 'flow-style rules are reported without a fix',
      code: `${header}
          rules: [{from: [{source: {principals: [a]}}]}, {to: [{operation: {paths: ["/api/*"]}}]}]
        #                                                 ^^ rules-or-not-and`,
      messages: [/allows \/api\/\* from any source/],
    },
  ],
});
