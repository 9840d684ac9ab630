import { ruleTester } from '../../harness/ruleTester';

const DENY_ADMIN = `
        #- policy.yaml
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: deny-admin, namespace: shop}
        spec:
          selector: {matchLabels: {app: api}}
          action: DENY
          rules:
          - to:
            - operation:
                paths: ["/admin/secret", "/admin/*"]`;

ruleTester('deny-path-bypassable', {
  valid: [
    {
      name: 'the mesh decodes and merges slashes',
      code: `${DENY_ADMIN}
        #- iop.yaml
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        metadata: {name: iop, namespace: istio-system}
        spec:
          meshConfig:
            pathNormalization: {normalization: DECODE_AND_MERGE_SLASHES}`,
    },
    {
      name: 'ALLOW with positive paths, and DENY on methods or with only "*"',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: allow-api, namespace: shop}
        spec:
          action: ALLOW
          rules:
          - to: [{operation: {paths: ["/api/*"], methods: [GET]}}]
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: deny-delete, namespace: shop}
        spec:
          action: DENY
          rules:
          - to: [{operation: {methods: [DELETE], paths: ["*"]}}]`,
    },
    {
      name: 'notPaths in a DENY rule fail closed (allow-with-not-paths covers the other direction)',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: deny-not-public, namespace: shop}
        spec:
          action: DENY
          rules:
          - to: [{operation: {notPaths: ["/public/*"]}}]`,
    },
  ],
  invalid: [
    {
      name: "without a MeshConfig Istio's default (BASE) is assumed (info)",
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: deny-admin, namespace: shop}
        spec:
          action: DENY
          rules:
          - to:
            - operation:
                paths: ["/admin/secret"]
        #       ^^^^^ deny-path-bypassable`,
      messages: [
        "This DENY rule can be bypassed: with path normalization BASE (Istio's default; no MeshConfig in the workspace says otherwise), Istio neither merges slashes nor decodes %2F, so /admin//secret reaches the same endpoint without matching /admin/secret. Set meshConfig.pathNormalization.normalization to DECODE_AND_MERGE_SLASHES, or allow the paths you mean with an ALLOW policy instead.",
      ],
    },
    {
      name: 'the mesh merges slashes only: the fix switches the mode in the ConfigMap',
      code: `${DENY_ADMIN}
        #       ^^^^^ deny-path-bypassable
        #- mesh.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: istio, namespace: istio-system}
        data:
          mesh: |
            pathNormalization:
              normalization: MERGE_SLASHES`,
      fix: 'Set pathNormalization',
      messages: [
        /with path normalization MERGE_SLASHES \(ConfigMap istio-system\/istio\), Istio merges slashes but does not decode %2F, so \/admin%2Fsecret reaches/,
      ],
      output: {
        'mesh.yaml': `
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: istio, namespace: istio-system}
          data:
            mesh: |
              pathNormalization:
                normalization: DECODE_AND_MERGE_SLASHES`,
      },
    },
    {
      name: 'a MeshConfig that does not set it keeps the default (warning)',
      code: `${DENY_ADMIN}
        #       ^^^^^ deny-path-bypassable
        #- iop.yaml
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        metadata: {name: iop, namespace: istio-system}
        spec:
          meshConfig:
            accessLogFile: /dev/stdout`,
      messages: [
        /^This DENY rule can be bypassed: with path normalization BASE \(IstioOperator istio-system\/iop, not set: the default\)/,
      ],
    },
  ],
});
