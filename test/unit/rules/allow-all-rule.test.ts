import { ruleTester } from '../../harness/ruleTester';

ruleTester('allow-all-rule', {
  valid: [
    {
      name: 'a templated action is only known once rendered (a file with {{ }}, in a chart or not)',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: p}
        spec:
          action: "{{ .Values.action }}"
          rules:
          - {}`,
    },
    {
      name: 'allow-nothing and deny-all',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: allow-nothing}
        spec: {action: ALLOW}
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: deny-all}
        spec: {}`,
    },
    {
      name: 'DENY with an empty rule denies everything on purpose',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: deny-everything}
        spec:
          action: DENY
          rules:
          - {}`,
    },
    {
      name: 'ALLOW rules with conditions',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: reviews-viewer}
        spec:
          selector: {matchLabels: {app: reviews}}
          action: ALLOW
          rules:
          - from:
            - source: {principals: [cluster.local/ns/default/sa/bookinfo-productpage]}
            to:
            - operation: {methods: [GET]}`,
    },
  ],
  invalid: [
    {
      name: 'the documented allow-all (no fix: removing it would deny everything)',
      messages: ['This empty rule matches every request: the policy allows all traffic to the workloads it selects.'],
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: allow-all}
        spec:
          action: ALLOW
          rules:
          - {}
        #   ^^ allow-all-rule`,
    },
    {
      name: 'an empty rule next to real ones is removed',
      messages: [
        'This empty rule matches every request: the policy allows all traffic to the workloads it selects, whatever its other rule says.',
      ],
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: p}
        spec:
          rules:
          - from:
            - source: {namespaces: [frontend]}
          - {}
        #   ^^ allow-all-rule`,
      fix: 'Remove the empty rule',
      output: {
        'test.yaml': `
          apiVersion: security.istio.io/v1
          kind: AuthorizationPolicy
          metadata: {name: p}
          spec:
            rules:
            - from:
              - source: {namespaces: [frontend]}`,
      },
    },
    {
      name: 'flow sequence in a List item',
      messages: [
        'This empty rule matches every request: the policy allows all traffic to the workloads it selects, whatever its other rule says.',
      ],
      code: `
        apiVersion: v1
        kind: List
        items:
        - apiVersion: security.istio.io/v1
          kind: AuthorizationPolicy
          metadata: {name: p}
          spec: {action: ALLOW, rules: [{}, {to: [{operation: {methods: [GET]}}]}]}
        #                               ^^ allow-all-rule`,
      fix: 'Remove the empty rule',
      output: {
        'test.yaml': `
          apiVersion: v1
          kind: List
          items:
          - apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: p}
            spec: {action: ALLOW, rules: [{to: [{operation: {methods: [GET]}}]}]}`,
      },
    },
  ],
});
