import { ruleTester } from '../../harness/ruleTester';

ruleTester('allow-with-not-paths', {
  valid: [
    {
      name: 'ALLOW with positive paths',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: p}
        spec:
          rules:
          - to: [{operation: {paths: [/api/*], methods: [GET]}}]`,
    },
    {
      name: 'DENY with notPaths is the recommended pattern',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: p}
        spec:
          action: DENY
          rules:
          - to: [{operation: {notPaths: [/public/*], ports: ["8080"]}}]`,
    },
    {
      name: 'ALLOW with notPrincipals (identities are not normalised)',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: p}
        spec:
          action: ALLOW
          rules:
          - from: [{source: {notPrincipals: [cluster.local/ns/x/sa/y]}}]`,
    },
  ],
  invalid: [
    {
      name: 'ALLOW everything except /admin',
      messages: [
        'ALLOW with notPaths allows everything not spelled exactly like the listed values: variants (trailing slashes, case, //, %2F, /./ depending on path normalisation) slip through. Prefer paths in ALLOW, or a DENY policy with the same values.',
      ],
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: p}
        spec:
          action: ALLOW
          rules:
          - to:
            - operation:
                notPaths: [/admin]
        #       ^^^^^^^^ allow-with-not-paths`,
    },
    {
      name: 'notMethods and notHosts with the default action',
      messages: [
        'ALLOW with notMethods allows everything not spelled exactly like the listed values: variants (lower-case or unusual methods) slip through. Prefer methods in ALLOW, or a DENY policy with the same values.',
        'ALLOW with notHosts allows everything not spelled exactly like the listed values: variants (a port suffix such as example.com:80, a trailing dot) slip through. Prefer hosts in ALLOW, or a DENY policy with the same values.',
      ],
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: p}
        spec:
          rules:
          - to: [{operation: {notMethods: [DELETE], notHosts: [admin.example.com]}}]
        #                     ^^^^^^^^^^ allow-with-not-paths
        #                                           ^^^^^^^^ allow-with-not-paths`,
    },
    {
      name: 'second operation in a multi-document file',
      messages: [
        'ALLOW with notPaths allows everything not spelled exactly like the listed values: variants (trailing slashes, case, //, %2F, /./ depending on path normalisation) slip through. Prefer paths in ALLOW, or a DENY policy with the same values.',
      ],
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: deny-all}
        spec: {}
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: p}
        spec:
          rules:
          - to:
            - operation: {paths: [/health]}
            - operation: {notPaths: [/internal/*]}
        #                 ^^^^^^^^ allow-with-not-paths`,
    },
  ],
});
