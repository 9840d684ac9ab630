import { ruleTester } from '../../harness/ruleTester';

// The CRDs' CEL rules (x-kubernetes-validations) through the `schema` rule: one valid and one
// invalid case per CEL function Istio's rules use, with the exact span reported.
const CEL = "(a validation rule of Istio's CRD: the API server rejects the resource).";

ruleTester('schema', {
  valid: [
    {
      name: 'duration(), url().getScheme(), isURL(), has(), all(), contains(), int(), matches(), startsWith()',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: dr}
        spec:
          host: reviews
          trafficPolicy:
            connectionPool:
              tcp: {connectTimeout: 10ms}
              http: {http2KeepAlive: {interval: 1m30s}}
        ---
        apiVersion: security.istio.io/v1
        kind: RequestAuthentication
        metadata: {name: ra}
        spec:
          jwtRules:
          - issuer: me
            jwksUri: https://example.com/keys
        ---
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata: {name: w}
        spec:
          selector: {matchLabels: {app: x}}
          url: ghcr.io/example/filter:v1
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: pa}
        spec:
          selector: {matchLabels: {app: x}}
          portLevelMtls: {"8080": {mode: STRICT}}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: we}
        spec:
          address: unix:///var/run/app.sock
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: we2}
        spec:
          address: 10.0.0.1
          ports: {http-web: 8080}`,
    },
    {
      name: "Kubernetes reads [1.2.3.4, 001:db8::] as two strings: Istio's valid ServiceEntry",
      code: `
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: se}
        spec:
          hosts: [example.com]
          addresses: [1.2.3.4, 001:db8::]
          ports: [{number: 80, name: http, protocol: HTTP}]
          location: MESH_EXTERNAL
          resolution: STATIC
          endpoints: [{address: 1.1.1.1}]`,
    },
    {
      name: 'fields newer than the schema package: valid without a target release',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: ap}
        spec:
          rules:
          - from:
            - source: {trustDomains: [td1], notTrustDomains: [td2]}
        ---
        apiVersion: networking.istio.io/v1alpha3
        kind: EnvoyFilter
        metadata: {name: ef}
        spec:
          configPatches:
          - applyTo: HTTP_FILTER
            patch: {operation: MERGE_AND_REPLACE_LIST, value: {name: x}}
        ---
        apiVersion: security.istio.io/v1
        kind: RequestAuthentication
        metadata: {name: ra}
        spec:
          jwtRules:
          - issuer: me
            presence: OPTIONAL`,
    },
    {
      name: 'templated values are not evaluated',
      code: `
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata: {name: w}
        spec:
          url: "{{ .Values.url }}"`,
    },
  ],
  invalid: [
    {
      name: 'duration(): below 1ms',
      messages: [`connectTimeout: must be a valid duration greater than 1ms ${CEL}`],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: dr}
        spec:
          host: reviews
          trafficPolicy:
            connectionPool:
              tcp: {connectTimeout: 0s}
        #                           ^^ schema`,
    },
    {
      name: 'url().getScheme(): not http(s)',
      messages: [`jwksUri: url must have scheme http:// or https:// ${CEL}`],
      code: `
        apiVersion: security.istio.io/v1
        kind: RequestAuthentication
        metadata: {name: ra}
        spec:
          jwtRules:
          - issuer: me
            jwksUri: ftp://example.com/keys
        #            ^^^^^^^^^^^^^^^^^^^^^^ schema`,
    },
    {
      name: 'isURL(): not a URL even with http:// in front',
      messages: [`url: url must have schema one of [http, https, file, oci] ${CEL}`],
      code: `
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata: {name: w}
        spec:
          url: "#%blah$#@"
        #      ^^^^^^^^^^^ schema`,
    },
    {
      name: 'has(): two of credentialName, credentialNames',
      messages: [`tls: only one of credentialName or credentialNames can be set ${CEL}`],
      code: `
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            hosts: ["*"]
            tls:
        #   ^^^ schema
              mode: SIMPLE
              credentialName: a
              credentialNames: [b]`,
    },
    {
      name: 'all() + contains(): a wildcard in a label key',
      messages: [`matchLabels: wildcard not allowed in label key match ${CEL}`],
      code: `
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata: {name: w}
        spec:
          selector:
            matchLabels: {"app*": x}
        #   ^^^^^^^^^^^ schema
          url: oci://ghcr.io/x:v1`,
    },
    {
      name: 'exists_one(): duplicate port numbers',
      messages: [`ports: port number cannot be duplicated ${CEL}`],
      code: `
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: se}
        spec:
          hosts: [example.com]
          ports:
        # ^^^^^ schema
          - {number: 80, name: a}
          - {number: 80, name: b}`,
    },
    {
      name: 'int(): a port key out of range, and one that is not a number',
      messages: [
        `portLevelMtls: port must be between 1-65535 ${CEL}`,
        `portLevelMtls: port must be between 1-65535 ${CEL}`,
      ],
      code: `
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: pa}
        spec:
          selector: {matchLabels: {app: x}}
          portLevelMtls: {"0": {mode: STRICT}}
        # ^^^^^^^^^^^^^ schema
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: pb}
        spec:
          selector: {matchLabels: {app: x}}
          portLevelMtls: {http: {mode: STRICT}}
        # ^^^^^^^^^^^^^ schema`,
    },
    {
      name: 'matches() + size(): an invalid port name',
      messages: [`ports: port name must be valid ${CEL}`],
      code: `
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: we}
        spec:
          address: 10.0.0.1
          ports: {-bad: 8080}
        # ^^^^^ schema`,
    },
    {
      name: 'startsWith() + endsWith(): a UDS path that is a directory',
      messages: [`address: UDS may not be a dir ${CEL}`],
      code: `
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: we}
        spec:
          address: unix:///var/run/
        #          ^^^^^^^^^^^^^^^^ schema`,
    },
    {
      name: 'exists() on a list: a CIDR with DNS resolution',
      messages: [`spec: CIDR addresses are allowed only for NONE/STATIC resolution types ${CEL}`],
      code: `
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: se}
        spec:
        #^^^ schema
          hosts: [example.com]
          addresses: [10.0.0.0/24]
          ports: [{number: 80, name: http}]
          resolution: DNS`,
    },
    {
      name: 'a string field written yes: Kubernetes stores a boolean',
      messages: ['issuer must be a string, not a boolean.'],
      code: `
        apiVersion: security.istio.io/v1
        kind: RequestAuthentication
        metadata: {name: ra}
        spec:
          jwtRules:
          - issuer: yes
        #           ^^^ schema`,
    },
    {
      name: 'a field and a value newer than the target release: info',
      settings: { targetVersion: '1.29' },
      messages: [
        "'trustDomains' was added in Istio 1.30: the target release 1.29 (istio.targetVersion) does not know it and would reject the resource.",
        "'MERGE_AND_REPLACE_LIST' for operation was added in Istio 1.30: the target release 1.29 (istio.targetVersion) does not accept it.",
      ],
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: ap}
        spec:
          rules:
          - from:
            - source: {trustDomains: [td1]}
        #              ^^^^^^^^^^^^ schema
        ---
        apiVersion: networking.istio.io/v1alpha3
        kind: EnvoyFilter
        metadata: {name: ef}
        spec:
          configPatches:
          - applyTo: HTTP_FILTER
            patch: {operation: MERGE_AND_REPLACE_LIST, value: {name: x}}
        #                      ^^^^^^^^^^^^^^^^^^^^^^ schema`,
    },
  ],
});
