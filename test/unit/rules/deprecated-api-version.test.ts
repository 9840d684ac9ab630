import { ruleTester } from '../../harness/ruleTester';

ruleTester('deprecated-api-version', {
  valid: [
    {
      name: 'v1 VirtualService',
      code: 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: a}\nspec: {hosts: [a]}',
    },
    {
      name: 'EnvoyFilter has no v1',
      code: 'apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata: {name: a}\nspec: {}',
    },
    {
      name: 'WasmPlugin has no v1',
      code: 'apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata: {name: a}\nspec: {url: oci://x}',
    },
    {
      name: 'ProxyConfig has no v1',
      code: 'apiVersion: networking.istio.io/v1beta1\nkind: ProxyConfig\nmetadata: {name: a}\nspec: {concurrency: 2}',
    },
    {
      name: 'Telemetry using a field v1 did not promote',
      code: `
        apiVersion: telemetry.istio.io/v1alpha1
        kind: Telemetry
        metadata: {name: t}
        spec:
          metrics:
          - providers: [{name: prometheus}]
            reportingInterval: 10s`,
    },
    {
      name: 'target version older than 1.22 keeps v1beta1 networking',
      code: 'apiVersion: networking.istio.io/v1beta1\nkind: Gateway\nmetadata: {name: g}\nspec: {selector: {istio: ingressgateway}}',
      settings: { targetVersion: '1.21' },
    },
    { name: 'non-Istio resources', code: 'apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: a}' },
  ],
  invalid: [
    {
      name: 'v1beta1 VirtualService',
      messages: ['networking.istio.io/v1beta1 is superseded: use networking.istio.io/v1 (served since Istio 1.22).'],
      code: `
        apiVersion: networking.istio.io/v1beta1
        #           ^^^^^^^^^^^^^^^^^^^^^^^^^^^ deprecated-api-version
        kind: VirtualService
        metadata: {name: a}
        spec: {hosts: [a]}`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: a}
          spec: {hosts: [a]}`,
      },
    },
    {
      name: 'quoted v1alpha3 DestinationRule keeps its quotes',
      messages: ['networking.istio.io/v1alpha3 is superseded: use networking.istio.io/v1 (served since Istio 1.22).'],
      code: `
        apiVersion: "networking.istio.io/v1alpha3"
        #           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ deprecated-api-version
        kind: DestinationRule
        metadata: {name: a}
        spec: {host: a}`,
      output: {
        'test.yaml': `
          apiVersion: "networking.istio.io/v1"
          kind: DestinationRule
          metadata: {name: a}
          spec: {host: a}`,
      },
    },
    {
      name: 'AuthorizationPolicy v1beta1 with target 1.17; multi-document and List items',
      messages: [
        'security.istio.io/v1beta1 is superseded: use security.istio.io/v1 (served since Istio 1.17).',
        'security.istio.io/v1beta1 is superseded: use security.istio.io/v1 (served since Istio 1.17).',
      ],
      settings: { targetVersion: '1.17' },
      code: `
        apiVersion: security.istio.io/v1beta1
        #           ^^^^^^^^^^^^^^^^^^^^^^^^^ deprecated-api-version
        kind: AuthorizationPolicy
        metadata: {name: deny-all}
        spec: {}
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: security.istio.io/v1beta1
        #             ^^^^^^^^^^^^^^^^^^^^^^^^^ deprecated-api-version
          kind: RequestAuthentication
          metadata: {name: jwt}
          spec: {jwtRules: [{issuer: "https://issuer"}]}
        - apiVersion: security.istio.io/v1beta1
          kind: PeerAuthentication
          metadata: {name: default}
          spec: {mtls: {mode: STRICT}}`,
    },
  ],
});
