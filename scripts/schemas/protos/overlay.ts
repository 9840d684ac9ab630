import type { Schema } from './protoSchema';

/**
 * What the protos do not say but Istio does. Defaults are the ones Istio applies when a field is
 * not set (istio/istio pkg/config/mesh/mesh.go, DefaultMeshConfig and DefaultProxyConfig, at the
 * vendored commit); deprecations are Istio's guidance on legacy tracing (the Telemetry API with
 * an `extensionProviders` entry replaces mesh-level tracing; OpenCensus was removed in 1.25,
 * Lightstep deprecated in 1.22). Keys are `<definition>.<field>`, the definition as named in
 * `$defs` (or the root message's own name).
 */
export const FIELD_PATCHES: Readonly<Record<string, Schema>> = {
  // MeshConfig defaults (DefaultMeshConfig).
  'MeshConfig.enableTracing': {
    default: true,
    deprecated: true,
    deprecationMessage:
      'Mesh-wide tracing through enableTracing and defaultConfig.tracing is the legacy path: declare the tracer as an extensionProviders entry and enable it with a Telemetry resource (spec.tracing) in the root namespace.',
  },
  'MeshConfig.accessLogEncoding': { default: 'TEXT' },
  'MeshConfig.protocolDetectionTimeout': { default: '0s' },
  'MeshConfig.ingressService': { default: 'istio-ingressgateway' },
  'MeshConfig.ingressControllerMode': { default: 'STRICT' },
  'MeshConfig.ingressClass': { default: 'istio' },
  'MeshConfig.trustDomain': { default: 'cluster.local' },
  'MeshConfig.enableAutoMtls': { default: true },
  'MeshConfig.rootNamespace': { default: 'istio-system' },
  'MeshConfig.proxyListenPort': { default: 15001 },
  'MeshConfig.proxyInboundListenPort': { default: 15006 },
  'MeshConfig.connectTimeout': { default: '10s' },
  'MeshConfig.defaultServiceExportTo': { default: ['*'] },
  'MeshConfig.defaultVirtualServiceExportTo': { default: ['*'] },
  'MeshConfig.defaultDestinationRuleExportTo': { default: ['*'] },
  'MeshConfig.dnsRefreshRate': { default: '60s' },
  'MeshConfig.enablePrometheusMerge': { default: true },
  'MeshConfig.OutboundTrafficPolicy.mode': { default: 'ALLOW_ANY' },
  'MeshConfig.InboundTrafficPolicy.mode': { default: 'PASSTHROUGH' },
  'MeshConfig.ProxyPathNormalization.normalization': { default: 'BASE' },
  'MeshConfig.extensionProviders': {
    markdownDescription:
      'Defines a list of extension providers that extend Istio\'s functionality (tracing, access logging, metrics, external authorization), referenced by name from Telemetry and AuthorizationPolicy (CUSTOM) resources. Istio always adds `prometheus`, `stackdriver` and `envoy` (file access log to `/dev/stdout`); an entry with one of these names replaces it.',
  },
  'MeshConfig.ExtensionProvider.opencensus': {
    deprecationMessage:
      'OpenCensus support was removed in Istio 1.25: this provider does nothing. Use an opentelemetry provider instead.',
  },
  'MeshConfig.ExtensionProvider.lightstep': {
    deprecationMessage:
      'The Lightstep provider is deprecated (Istio 1.22): use an opentelemetry provider, which Lightstep accepts.',
  },
  // ProxyConfig defaults (DefaultProxyConfig).
  'ProxyConfig.configPath': { default: './etc/istio/proxy' },
  'ProxyConfig.binaryPath': { default: '/usr/local/bin/envoy' },
  'ProxyConfig.serviceCluster': { default: 'istio-proxy' },
  'ProxyConfig.drainDuration': { default: '45s' },
  'ProxyConfig.terminationDrainDuration': { default: '5s' },
  'ProxyConfig.proxyAdminPort': { default: 15000 },
  'ProxyConfig.controlPlaneAuthPolicy': { default: 'MUTUAL_TLS' },
  'ProxyConfig.discoveryAddress': { default: 'istiod.istio-system.svc:15012' },
  'ProxyConfig.statNameLength': { default: 189 },
  'ProxyConfig.statusPort': { default: 15020 },
  'ProxyConfig.tracing': {
    deprecated: true,
    deprecationMessage:
      'Tracing configured in ProxyConfig is the legacy path: declare the tracer as a MeshConfig extensionProviders entry and enable it with a Telemetry resource (spec.tracing).',
  },
  'ProxyConfig.zipkinAddress': {
    deprecationMessage:
      'zipkinAddress is deprecated: declare a zipkin provider in MeshConfig extensionProviders and enable it with a Telemetry resource.',
  },
  'Tracing.openCensusAgent': {
    deprecated: true,
    deprecationMessage: 'OpenCensus support was removed in Istio 1.25: use an opentelemetry extension provider.',
  },
  'Tracing.lightstep': {
    deprecated: true,
    deprecationMessage:
      'The Lightstep tracer is deprecated (Istio 1.22): use an opentelemetry extension provider, which Lightstep accepts.',
  },
};

/** Applies the patches to a generated schema; throws on a patch that matches nothing. */
export function applyPatches(schema: Schema, rootName: string, used: Set<string>): void {
  const defs = (schema['$defs'] ?? {}) as Record<string, Schema>;
  for (const [key, patch] of Object.entries(FIELD_PATCHES)) {
    const dot = key.lastIndexOf('.');
    const defName = key.slice(0, dot);
    const field = key.slice(dot + 1);
    const def = defName === rootName ? schema : defs[defName];
    const properties = def?.['properties'] as Record<string, Schema> | undefined;
    if (!properties?.[field]) continue;
    used.add(key);
    for (const [name, target] of Object.entries(properties)) {
      if (name !== field && target['x-istio-alias-of'] !== field) continue;
      const { description: _d, markdownDescription: _m, ...structural } = patch;
      Object.assign(target, name === field ? patch : structural);
    }
  }
}
