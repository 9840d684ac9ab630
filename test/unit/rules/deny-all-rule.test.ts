import { ruleTester } from '../../harness/ruleTester';

ruleTester('deny-all-rule', {
  valid: [
    {
      name: 'the allow-nothing idiom (ALLOW without rules) and an ALLOW policy with an empty rule',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: allow-nothing, namespace: shop}
        spec: {}
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: allow-all, namespace: shop}
        spec:
          action: ALLOW
          rules:
          - {}`,
    },
    {
      name: 'DENY rules with conditions, and a DENY policy without rules (which denies nothing)',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: deny-admin}
        spec:
          selector: {matchLabels: {app: shop}}
          action: DENY
          rules:
          - to:
            - operation: {paths: [/admin], ports: ["8080"]}
          - from:
            - source: {notNamespaces: [shop]}
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: deny-nothing}
        spec: {action: DENY}`,
    },
    {
      name: 'templated action, and CUSTOM and AUDIT policies',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: p}
        spec:
          action: "{{ .Values.action }}"
          rules: [{}]
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: ext}
        spec:
          action: CUSTOM
          provider: {name: ext-authz}
          rules: [{}]
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: audit}
        spec:
          action: AUDIT
          rules: [{}]`,
    },
  ],
  invalid: [
    {
      name: 'the only rule: converted to the allow-nothing idiom, selector kept',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: lock-shop, namespace: shop}
        spec:
          selector:
            matchLabels: {app: shop}
          action: DENY
          rules:
          - {}
        #   ^^ deny-all-rule`,
      messages: [
        'This empty rule matches every request: the DENY policy rejects all traffic to the workloads it selects, and no ALLOW policy can let any of it through (DENY policies are evaluated first). To deny unless allowed, use an ALLOW policy without rules (spec: {}).',
      ],
      fix: 'Make it an ALLOW policy without rules',
      output: {
        'test.yaml': `
          apiVersion: security.istio.io/v1
          kind: AuthorizationPolicy
          metadata: {name: lock-shop, namespace: shop}
          spec:
            selector:
              matchLabels: {app: shop}`,
      },
    },
    {
      name: 'namespace-wide, nothing else in spec: becomes spec: {}',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: deny-all, namespace: shop}
        spec:
          action: DENY
          rules:
          - {}
        #   ^^ deny-all-rule
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: allow-frontend, namespace: shop}
        spec:
          rules:
          - from: [{source: {namespaces: [frontend]}}]`,
      messages: [
        'This empty rule matches every request: the DENY policy rejects all traffic to every workload of its namespace (of the mesh, in the root namespace), and no ALLOW policy can let any of it through (DENY policies are evaluated first). To deny unless allowed, use an ALLOW policy without rules (spec: {}).',
      ],
      fix: 'Make it an ALLOW policy without rules',
      output: {
        'test.yaml': `
          apiVersion: security.istio.io/v1
          kind: AuthorizationPolicy
          metadata: {name: deny-all, namespace: shop}
          spec: {}
          ---
          apiVersion: security.istio.io/v1
          kind: AuthorizationPolicy
          metadata: {name: allow-frontend, namespace: shop}
          spec:
            rules:
            - from: [{source: {namespaces: [frontend]}}]`,
      },
    },
    {
      name: 'next to a real rule, in flow style: the empty rule can be removed',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: p}
        spec: {selector: {matchLabels: {app: a}}, action: DENY, rules: [{to: [{operation: {ports: ["9000"]}}]}, {}]}
        #                                                                                                       ^^ deny-all-rule`,
      messages: [/^This empty rule matches every request: .*, whatever its other rule says, and no ALLOW policy/],
      fix: 'Remove the empty rule',
      output: {
        'test.yaml': `
          apiVersion: security.istio.io/v1
          kind: AuthorizationPolicy
          metadata: {name: p}
          spec: {selector: {matchLabels: {app: a}}, action: DENY, rules: [{to: [{operation: {ports: ["9000"]}}]}]}`,
      },
    },
    {
      name: 'flow spec converted to the idiom keeps its other fields',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: p}
        spec: {action: DENY, targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: gw}], rules: [{}, {}]}
        #                                                                                                       ^^ deny-all-rule
        #                                                                                                           ^^ deny-all-rule`,
      messages: [
        /to the workloads it selects, whatever its other rule says,/,
        /to the workloads it selects, whatever its other rule says,/,
      ],
      fix: 'Make it an ALLOW policy',
      output: {
        'test.yaml': `
          apiVersion: security.istio.io/v1
          kind: AuthorizationPolicy
          metadata: {name: p}
          spec: {targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: gw}]}`,
      },
    },
  ],
});
