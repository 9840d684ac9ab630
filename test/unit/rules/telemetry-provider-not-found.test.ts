import { ruleTester } from '../../harness/ruleTester';

const MESH = `
        #- istio-system/istio.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: istio, namespace: istio-system}
        data:
          mesh: |-
            extensionProviders:
            - name: otel-tracing
              opentelemetry:
                service: otel-collector.observability.svc.cluster.local
                port: 4317
            - name: otel-als
              envoyOtelAls: {service: otel-collector.observability.svc.cluster.local, port: 4317}`;

ruleTester('telemetry-provider-not-found', {
  valid: [
    {
      name: 'built-in providers and the mesh config entries (matched case-insensitively)',
      code: `${MESH}
        #- telemetry.yaml
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: {name: mesh-default, namespace: istio-system}
        spec:
          tracing:
          - providers: [{name: otel-tracing}]
            randomSamplingPercentage: 10
          accessLogging:
          - providers: [{name: envoy}, {name: OTEL-ALS}]
          metrics:
          - providers: [{name: prometheus}]`,
    },
    {
      name: 'without a MeshConfig in the workspace nothing is known about the providers',
      code: `
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: {name: t, namespace: shop}
        spec:
          tracing: [{providers: [{name: zipkin}]}]`,
    },
    {
      name: 'an IstioOperator meshConfig whose providers include a templated name',
      code: `
        #- iop.yaml
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        metadata: {name: iop, namespace: istio-system}
        spec:
          meshConfig:
            extensionProviders:
            - name: jaeger
              zipkin: {service: jaeger.observability.svc.cluster.local, port: 9411}
        #- charts/telemetry/templates/t.yaml
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: {name: t, namespace: shop}
        spec:
          tracing: [{providers: [{name: "{{ .Values.tracer }}"}]}]`,
    },
  ],
  invalid: [
    {
      name: 'a misspelt provider gets its fix',
      code: `${MESH}
        #- telemetry.yaml
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: {name: mesh-default, namespace: istio-system}
        spec:
          tracing:
          - providers:
            - name: otel-tracng
        #           ^^^^^^^^^^^ telemetry-provider-not-found`,
      messages: [
        "Provider 'otel-tracng' is neither built in (prometheus, stackdriver, envoy) nor an extensionProviders entry of the mesh config (ConfigMap istio-system/istio): Istio skips it, so this telemetry is not produced. Did you mean 'otel-tracing'?",
      ],
      output: {
        'telemetry.yaml': `
          apiVersion: telemetry.istio.io/v1
          kind: Telemetry
          metadata: {name: mesh-default, namespace: istio-system}
          spec:
            tracing:
            - providers:
              - name: otel-tracing`,
      },
    },
    {
      name: 'a provider the IstioOperator does not declare',
      code: `
        #- iop.yaml
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        metadata: {name: control-plane, namespace: istio-system}
        spec:
          meshConfig:
            extensionProviders:
            - name: jaeger
              zipkin: {service: jaeger.observability.svc.cluster.local, port: 9411}
        #- telemetry.yaml
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: {name: t, namespace: shop}
        spec:
          tracing: [{providers: [{name: datadog}]}]
        #                               ^^^^^^^ telemetry-provider-not-found`,
      messages: [
        "Provider 'datadog' is neither built in (prometheus, stackdriver, envoy) nor an extensionProviders entry of the mesh config (IstioOperator istio-system/control-plane): Istio skips it, so this telemetry is not produced.",
      ],
    },
    {
      name: 'access logging and metrics providers too',
      code: `${MESH}
        #- telemetry.yaml
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: {name: t, namespace: shop}
        spec:
          accessLogging: [{providers: [{name: stdout}]}]
        #                                     ^^^^^^ telemetry-provider-not-found
          metrics: [{providers: [{name: prometheus}, {name: statsd}]}]
        #                                                   ^^^^^^ telemetry-provider-not-found`,
      messages: [/^Provider 'stdout' is neither built in/, /^Provider 'statsd' is neither built in/],
    },
  ],
});
