import { ruleTester } from '../../harness/ruleTester';

ruleTester('principal-format', {
  valid: [
    {
      name: 'full principals, custom trust domain and wildcards',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: p}
        spec:
          rules:
          - from:
            - source:
                principals: [cluster.local/ns/default/sa/sleep, example.org/ns/a/sa/b, "*", "*/ns/x/sa/y", "cluster.local/ns/x/*"]`,
    },
    {
      name: 'requestPrincipals have their own format',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: require-jwt}
        spec:
          rules:
          - from:
            - source: {requestPrincipals: ["testing@secure.istio.io/testing@secure.istio.io"]}`,
    },
    {
      name: 'namespaces and serviceAccounts are not principals',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: p}
        spec:
          rules:
          - from:
            - source: {namespaces: [default], serviceAccounts: [sleep]}`,
    },
  ],
  invalid: [
    {
      name: 'spiffe:// prefix is stripped',
      messages: [
        'Principal "spiffe://cluster.local/ns/default/sa/sleep" never matches: Istio adds "spiffe://" itself, so it compares against "spiffe://spiffe://cluster.local/ns/default/sa/sleep". Write it without the scheme.',
      ],
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: p}
        spec:
          rules:
          - from:
            - source:
                principals:
                - spiffe://cluster.local/ns/default/sa/sleep
        #         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ principal-format`,
      output: {
        'test.yaml': `
          apiVersion: security.istio.io/v1
          kind: AuthorizationPolicy
          metadata: {name: p}
          spec:
            rules:
            - from:
              - source:
                  principals:
                  - cluster.local/ns/default/sa/sleep`,
      },
    },
    {
      name: 'missing trust domain in notPrincipals (quoted)',
      messages: [
        'Principal "ns/istio-system/sa/istio-ingressgateway-service-account" never matches: it lacks the trust domain (usually "cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account").',
      ],
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: p}
        spec:
          action: DENY
          rules:
          - from:
            - source: {notPrincipals: ["ns/istio-system/sa/istio-ingressgateway-service-account"]}
        #                              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ principal-format`,
      output: {
        'test.yaml': `
          apiVersion: security.istio.io/v1
          kind: AuthorizationPolicy
          metadata: {name: p}
          spec:
            action: DENY
            rules:
            - from:
              - source: {notPrincipals: ["cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account"]}`,
      },
    },
    {
      name: 'a bare service account name (no fix: its namespace is unknown); List item',
      messages: [
        'Principal "bookinfo-productpage" never matches: principals are "<trust-domain>/ns/<namespace>/sa/<service-account>" (or use source.serviceAccounts / namespaces).',
      ],
      code: `
        apiVersion: v1
        kind: List
        items:
        - apiVersion: security.istio.io/v1
          kind: AuthorizationPolicy
          metadata: {name: p}
          spec:
            rules:
            - from: [{source: {principals: [bookinfo-productpage]}}]
        #                                   ^^^^^^^^^^^^^^^^^^^^ principal-format`,
    },
  ],
});
