import { ruleTester } from '../../harness/ruleTester';

const POLICY = (action: string, source: string) => `
        #- policy.yaml
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: api, namespace: shop}
        spec:
          selector: {matchLabels: {app: api}}
          action: ${action}
          rules:
          - from:
            - source:
                ${source}`;

ruleTester('identity-without-strict-mtls', {
  valid: [
    {
      name: 'the namespace is STRICT',
      code: `${POLICY('ALLOW', 'principals: ["cluster.local/ns/web/sa/frontend"]')}
        #- pa.yaml
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: shop}
        spec: {mtls: {mode: STRICT}}`,
    },
    {
      name: 'the mesh is STRICT (root namespace policy)',
      code: `${POLICY('DENY', 'namespaces: ["untrusted"]')}
        #- pa.yaml
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: istio-system}
        spec: {mtls: {mode: STRICT}}`,
    },
    {
      name: 'no PeerAuthentication anywhere in the workspace: the cluster may set it',
      code: POLICY('DENY', 'principals: ["cluster.local/ns/web/sa/old"]'),
    },
    {
      name: 'a workload policy might make the pods STRICT',
      code: `${POLICY('DENY', 'principals: ["cluster.local/ns/web/sa/old"]')}
        #- pa.yaml
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: shop}
        spec: {mtls: {mode: PERMISSIVE}}
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: api, namespace: shop}
        spec:
          selector: {matchLabels: {app: api}}
          mtls: {mode: STRICT}`,
    },
  ],
  invalid: [
    {
      name: 'a DENY on principals for PERMISSIVE workloads: plaintext slips through',
      code: `${POLICY('DENY', 'principals: ["cluster.local/ns/web/sa/old"]')}
        #       ^^^^^^^^^^ identity-without-strict-mtls
        #- pa.yaml
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: shop}
        spec: {mtls: {mode: PERMISSIVE}}`,
      messages: [
        'This DENY rule matches principals, which only mutual TLS carries, but PeerAuthentication shop/default is PERMISSIVE: a plaintext request has no identity, so it is not denied by this rule. Make PeerAuthentication STRICT for these workloads.',
      ],
    },
    {
      name: 'an ALLOW on notNamespaces with no mode set anywhere (PERMISSIVE by default)',
      code: `${POLICY('ALLOW', 'notNamespaces: ["untrusted"]')}
        #       ^^^^^^^^^^^^^ identity-without-strict-mtls
        #- pa.yaml
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: other, namespace: payments}
        spec: {mtls: {mode: STRICT}}`,
      messages: [
        "This ALLOW rule matches notNamespaces, which only mutual TLS carries, but no PeerAuthentication sets a mode for namespace shop or the mesh (istio-system), and Istio's default is PERMISSIVE: a plaintext request has no identity, so it matches the notNamespaces condition and is allowed. Make PeerAuthentication STRICT for these workloads.",
      ],
    },
    {
      name: 'an ALLOW on principals under a mesh-wide PERMISSIVE policy refuses plaintext callers (info)',
      code: `${POLICY('ALLOW', 'principals: ["cluster.local/ns/web/sa/frontend"]')}
        #       ^^^^^^^^^^ identity-without-strict-mtls
        #- pa.yaml
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: istio-system}
        spec: {mtls: {mode: PERMISSIVE}}`,
      messages: [
        'principals comes from mutual TLS, but PeerAuthentication istio-system/default is PERMISSIVE: plaintext requests (from clients without a sidecar) carry no identity and are refused by this ALLOW rule. Make PeerAuthentication STRICT so that every caller has one.',
      ],
    },
  ],
});
