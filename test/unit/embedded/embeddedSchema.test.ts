import { ruleTester } from '../../harness/ruleTester';

/**
 * The `schema` rule inside documents written in strings (the proxy.istio.io/config annotation,
 * the istio ConfigMap's mesh) and in an IstioOperator's meshConfig and profile: findings point at
 * the exact characters inside the string, through block indentation, quotes and escapes.
 */
ruleTester('schema', {
  valid: [
    {
      name: "Istio's samples: a literal block and a single-quoted JSON annotation",
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: fortio}
        spec:
          template:
            metadata:
              annotations:
                proxy.istio.io/config: |-
                  proxyStatsMatcher:
                    inclusionPrefixes:
                    - "cluster.outbound"
                    - "cluster_manager"
                  holdApplicationUntilProxyStarts: true
            spec: {containers: [{name: fortio}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: echo
          annotations:
            proxy.istio.io/config: '{"holdApplicationUntilProxyStarts": true, "concurrency": "2"}'
        spec: {containers: [{name: echo}]}`,
    },
    {
      name: 'proto field names (snake_case) are accepted as jsonpb does; the mesh ConfigMap with meshNetworks',
      code: `
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: istio, namespace: istio-system}
        data:
          mesh: |-
            root_namespace: istio-system
            defaultConfig:
              discoveryAddress: istiod.istio-system.svc:15012
              proxy_metadata: {ISTIO_META_DNS_CAPTURE: "true"}
            extensionProviders:
            - name: otel
              opentelemetry: {service: otel.observability.svc.cluster.local, port: 4317}
            pathNormalization: {normalization: MERGE_SLASHES}
          meshNetworks: |-
            networks:
              network1:
                endpoints: [{fromRegistry: cluster1}]
                gateways: [{registryServiceName: istio-eastwestgateway.istio-system.svc.cluster.local, port: 15443}]`,
    },
    {
      name: 'an IstioOperator with a profile, a profile file and a valid meshConfig',
      code: `
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        metadata: {name: a, namespace: istio-system}
        spec:
          profile: ambient
          meshConfig:
            accessLogFile: /dev/stdout
            defaultConfig:
              holdApplicationUntilProxyStarts: true
              terminationDrainDuration: 10s
        ---
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        metadata: {name: b, namespace: istio-system}
        spec:
          profile: ./profiles/custom.yaml`,
    },
    {
      name: 'other ConfigMaps and other annotations are not read as mesh configuration',
      code: `
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: kiali}
        data:
          mesh: "not: [mesh config"
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: d
          annotations: {proxy.istio.io/config: "on the Deployment: not read (misplaced-annotation says so)"}
        spec: {template: {spec: {containers: [{name: d}]}}}`,
    },
  ],
  invalid: [
    {
      name: 'a misspelt key inside a literal block: exact position, fix applied inside the block',
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviews}
        spec:
          template:
            metadata:
              annotations:
                proxy.istio.io/config: |
                  concurrency: 2
                  holdApplicationUntilProxyStart: true
        #         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ schema
            spec: {containers: [{name: reviews}]}`,
      messages: [
        "Unknown field 'holdApplicationUntilProxyStart' in ProxyConfig. Did you mean 'holdApplicationUntilProxyStarts'?",
      ],
      output: {
        'test.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: reviews}
          spec:
            template:
              metadata:
                annotations:
                  proxy.istio.io/config: |
                    concurrency: 2
                    holdApplicationUntilProxyStarts: true
              spec: {containers: [{name: reviews}]}`,
      },
    },
    {
      name: 'runAsUser is not a ProxyConfig field (block with an indentation indicator)',
      code: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            proxy.istio.io/config: |2
                # the first line is indented more: the indicator tells the block's indentation
              runAsUser: 1337
        #     ^^^^^^^^^ schema
        spec: {containers: [{name: p}]}`,
      messages: ["Unknown field 'runAsUser' in ProxyConfig."],
    },
    {
      name: 'through quotes and escapes: a duration without a unit, an enum typo',
      code: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            proxy.istio.io/config: "{\\"terminationDrainDuration\\": \\"5\\", \\"interceptionMode\\": \\"TPROXi\\"}"
        #                                                          ^^^^^ schema
        #                                                                                       ^^^^^^^^^^ schema
        spec: {containers: [{name: p}]}`,
      messages: [
        "'5' is not a duration: write a number with a unit, e.g. 5s, 100ms, 1m30s.",
        "'TPROXi' is not a valid interceptionMode: use one of REDIRECT, TPROXY, NONE.",
      ],
    },
    {
      name: 'the mesh ConfigMap: an unknown field under defaultConfig, a wrong type',
      code: `
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: istio, namespace: istio-system}
        data:
          mesh: |-
            defaultConfig:
              runAsUser: 1337
        #     ^^^^^^^^^ schema
            enableAutoMtls: yes please
        #                   ^^^^^^^^^^ schema`,
      messages: ["Unknown field 'runAsUser' in ProxyConfig.", 'enableAutoMtls must be a boolean, not a string.'],
    },
    {
      name: 'an IstioOperator: meshConfig validated, profile checked with its fix',
      code: `
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        metadata: {name: a, namespace: istio-system}
        spec:
          profile: defualt
        #          ^^^^^^^ schema
          meshConfig:
            defaultConfig:
              runAsUser: 1337
        #     ^^^^^^^^^ schema`,
      messages: [
        "Unknown installation profile 'defualt': istioctl knows ambient, default, demo, empty, minimal, openshift, openshift-ambient, preview, remote, stable, or a path to a profile file. Did you mean 'default'?",
        "Unknown field 'runAsUser' in ProxyConfig.",
      ],
      output: {
        'test.yaml': `
          apiVersion: install.istio.io/v1alpha1
          kind: IstioOperator
          metadata: {name: a, namespace: istio-system}
          spec:
            profile: default
            meshConfig:
              defaultConfig:
                runAsUser: 1337`,
      },
    },
    {
      name: 'an annotation that is not YAML',
      code: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            proxy.istio.io/config: '{"concurrency": 2'
        #   ^^^^^^^^^^^^^^^^^^^^^ schema
        spec: {containers: [{name: p}]}`,
      messages: [/^proxy\.istio\.io\/config is not valid YAML, so Istio cannot read it: /],
    },
  ],
});

ruleTester('deprecated-field', {
  valid: [
    {
      name: 'tracing through extensionProviders (the Telemetry API way)',
      code: `
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        metadata: {name: a, namespace: istio-system}
        spec:
          meshConfig:
            extensionProviders:
            - name: otel
              opentelemetry: {service: otel.observability.svc.cluster.local, port: 4317}`,
    },
    {
      name: 'a ProxyConfig annotation without deprecated fields',
      code: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            proxy.istio.io/config: |
              holdApplicationUntilProxyStarts: true
        spec: {containers: [{name: p}]}`,
    },
    {
      name: "a broken annotation is the schema rule's concern",
      code: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            proxy.istio.io/config: 'tracing: ['
        spec: {containers: [{name: p}]}`,
    },
  ],
  invalid: [
    {
      name: 'legacy mesh tracing: enableTracing and defaultConfig.tracing',
      code: `
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        metadata: {name: a, namespace: istio-system}
        spec:
          meshConfig:
            enableTracing: true
        #   ^^^^^^^^^^^^^ deprecated-field
            defaultConfig:
              tracing:
        #     ^^^^^^^ deprecated-field
                sampling: 100
                zipkin: {address: zipkin.istio-system:9411}`,
      messages: [
        'meshConfig.enableTracing: Mesh-wide tracing through enableTracing and defaultConfig.tracing is the legacy path: declare the tracer as an extensionProviders entry and enable it with a Telemetry resource (spec.tracing) in the root namespace.',
        'meshConfig.defaultConfig.tracing: Tracing configured in ProxyConfig is the legacy path: declare the tracer as a MeshConfig extensionProviders entry and enable it with a Telemetry resource (spec.tracing).',
      ],
    },
    {
      name: 'OpenCensus and Lightstep providers in the mesh ConfigMap',
      code: `
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: istio, namespace: istio-system}
        data:
          mesh: |-
            extensionProviders:
            - name: oc
              opencensus: {service: oc.observability.svc.cluster.local, port: 55678}
        #     ^^^^^^^^^^ deprecated-field
            - name: ls
              lightstep: {service: ls.observability.svc.cluster.local, port: 8080, accessToken: x}
        #     ^^^^^^^^^ deprecated-field`,
      messages: [
        'mesh.extensionProviders[].opencensus: OpenCensus support was removed in Istio 1.25: this provider does nothing. Use an opentelemetry provider instead.',
        'mesh.extensionProviders[].lightstep: The Lightstep provider is deprecated (Istio 1.22): use an opentelemetry provider, which Lightstep accepts.',
      ],
    },
    {
      name: 'tracing in a proxy.istio.io/config annotation',
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviews}
        spec:
          template:
            metadata:
              annotations:
                proxy.istio.io/config: |
                  tracing:
        #         ^^^^^^^ deprecated-field
                    openCensusAgent: {address: "dns:opencensus:55678"}
        #           ^^^^^^^^^^^^^^^ deprecated-field
            spec: {containers: [{name: reviews}]}`,
      messages: [
        /^proxy\.istio\.io\/config\.tracing: Tracing configured in ProxyConfig is the legacy path/,
        'proxy.istio.io/config.tracing.openCensusAgent: OpenCensus support was removed in Istio 1.25: use an opentelemetry extension provider.',
      ],
    },
  ],
});
