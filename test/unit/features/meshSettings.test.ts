import * as assert from 'assert';
import { accept, completeAt, hoverAt } from '../../harness/completion';

/** A Deployment whose pod template carries a proxy.istio.io/config block; `$0` goes in BODY. */
function deployment(body: string): string {
  return `
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: reviews, namespace: shop}
    spec:
      template:
        metadata:
          labels: {app: reviews}
          annotations:
            proxy.istio.io/config: |
${body
  .split('\n')
  .map(l => `              ${l}`)
  .join('\n')}
        spec:
          containers: [{name: reviews, image: reviews:v1}]`;
}

describe('completion and hover inside proxy.istio.io/config', () => {
  it('1: a new key on a blank line of the block offers ProxyConfig fields, placed in the block', () => {
    const c = completeAt(deployment('holdApplicationUntilProxyStarts: true\n$0'));
    assert.ok(c.labels.includes('terminationDrainDuration'), c.labels.join(', '));
    assert.ok(c.labels.includes('proxyStatsMatcher'));
    assert.ok(!c.labels.includes('holdApplicationUntilProxyStarts'), 'keys already written are not offered');
    assert.ok(!c.labels.includes('termination_drain_duration'), 'proto names are accepted but not offered');
    const text = accept(c, 'terminationDrainDuration');
    assert.match(text, /\n {10}holdApplicationUntilProxyStarts: true\n {10}terminationDrainDuration: \n/);
  });

  it('2: a key being typed is replaced whole', () => {
    const c = completeAt(deployment('concur$0'));
    const item = c.items.find(i => i.label === 'concurrency');
    assert.ok(item, c.labels.join(', '));
    assert.match(accept(c, 'concurrency'), /\n {10}concurrency: \n/);
  });

  it('3: an object key opens its object, indented inside the block', () => {
    const c = completeAt(deployment('proxyStats$0'));
    assert.match(accept(c, 'proxyStatsMatcher'), /\n {10}proxyStatsMatcher:\n {12}\n/);
  });

  it('4: keys of a nested message', () => {
    const c = completeAt(deployment('proxyStatsMatcher:\n  $0'));
    assert.deepStrictEqual(
      ['inclusionPrefixes', 'inclusionRegexps', 'inclusionSuffixes'].filter(k => c.labels.includes(k)),
      ['inclusionPrefixes', 'inclusionRegexps', 'inclusionSuffixes'],
    );
  });

  it('5: enum and boolean values', () => {
    const mode = completeAt(deployment('interceptionMode: $0'));
    assert.deepStrictEqual([...mode.labels].sort(), ['NONE', 'REDIRECT', 'TPROXY']);
    const bool = completeAt(deployment('holdApplicationUntilProxyStarts: $0'));
    assert.deepStrictEqual(bool.labels, ['true', 'false']);
  });

  it('6: in the istio ConfigMap, MeshConfig keys; under defaultConfig, ProxyConfig keys', () => {
    const mesh = `
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: istio, namespace: istio-system}
      data:
        mesh: |-
          accessLogFile: /dev/stdout
          defaultConfig:
            $0`;
    const c = completeAt(mesh);
    assert.ok(c.labels.includes('holdApplicationUntilProxyStarts'), c.labels.join(', '));
    const top = completeAt(mesh.replace('defaultConfig:\n            $0', 'pathNorm$0'));
    assert.ok(top.labels.includes('pathNormalization'), top.labels.join(', '));
  });

  it('nothing at the annotations column after the block: that is the next annotation', () => {
    const c = completeAt(`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
        annotations:
          proxy.istio.io/config: |
            concurrency: 2
          $0
      spec: {containers: [{name: p}]}`);
    assert.ok(!c.labels.includes('terminationDrainDuration'), c.labels.join(', '));
    assert.ok(c.labels.includes('sidecar.istio.io/proxyCPU'), 'annotation names are offered there');
  });

  const hoverIn = (body: string) => hoverAt(deployment(body));

  it('hover 1: a key shows the proto documentation, default and reference link', () => {
    const h = hoverIn('terminationDrain$0Duration: 10s');
    assert.strictEqual(h?.text, 'terminationDrainDuration');
    assert.match(h.contents, /^\*\*terminationDrainDuration\*\* · `duration` · in ProxyConfig/);
    assert.match(h.contents, /Default: `5s`/);
    assert.match(h.contents, /istio\.mesh\.v1alpha1\/#ProxyConfig-termination_drain_duration/);
  });

  it('hover 2: a nested key', () => {
    const h = hoverIn('proxyStatsMatcher:\n  inclusion$0Prefixes: [cluster.outbound]');
    assert.strictEqual(h?.text, 'inclusionPrefixes');
    assert.match(h.contents, /in ProxyConfig\.ProxyStatsMatcher/);
  });

  it('hover 3: an enum value shows the value and its field', () => {
    const h = hoverIn('interceptionMode: TPR$0OXY');
    assert.strictEqual(h?.text, 'TPROXY');
    assert.match(h.contents, /^`TPROXY`/);
    assert.match(h.contents, /\*\*interceptionMode\*\*/);
  });

  it('hover 4: a deprecated field says what replaces it', () => {
    const h = hoverIn('trac$0ing:\n  sampling: 10');
    assert.match(h?.contents ?? '', /\*\*Deprecated\.\*\* Tracing configured in ProxyConfig is the legacy path/);
  });

  it('hover 5: a proto field name (snake_case) shows its JSON field', () => {
    const h = hoverIn('hold_application_until_proxy$0_starts: true');
    assert.strictEqual(h?.text, 'hold_application_until_proxy_starts');
    assert.match(h.contents, /^\*\*holdApplicationUntilProxyStarts\*\*/);
  });

  it('hover 6: inside a quoted JSON annotation', () => {
    const h = hoverAt(`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
        annotations:
          proxy.istio.io/config: '{"holdApplication$0UntilProxyStarts": true}'
      spec: {containers: [{name: p}]}`);
    assert.strictEqual(h?.text, '"holdApplicationUntilProxyStarts"');
    assert.match(h.contents, /^\*\*holdApplicationUntilProxyStarts\*\* · `boolean`/);
  });

  it('hover in an IstioOperator meshConfig (the MeshConfig schema is part of IstioOperator)', () => {
    const h = hoverAt(`
      apiVersion: install.istio.io/v1alpha1
      kind: IstioOperator
      metadata: {name: a, namespace: istio-system}
      spec:
        meshConfig:
          defaultConfig:
            holdApplication$0UntilProxyStarts: true`);
    assert.match(h?.contents ?? '', /^\*\*holdApplicationUntilProxyStarts\*\* · `boolean` · in ProxyConfig/);
    const c = completeAt(`
      apiVersion: install.istio.io/v1alpha1
      kind: IstioOperator
      metadata: {name: a, namespace: istio-system}
      spec:
        meshConfig:
          extension$0`);
    assert.ok(c.labels.includes('extensionProviders'), c.labels.join(', '));
    assert.ok(!c.labels.includes('extension_providers'));
  });
});

describe("completion and hover of Istio's annotation and label names", () => {
  it('annotation names on a Deployment pod template (Pod names), not the hidden ones', () => {
    const c = completeAt(`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: reviews}
      spec:
        template:
          metadata:
            annotations:
              sidecar.istio.io/proxyCPU: 100m
              $0`);
    assert.ok(c.labels.includes('proxy.istio.io/config'), c.labels.join(', '));
    assert.ok(c.labels.includes('sidecar.istio.io/proxyMemory'));
    assert.ok(!c.labels.includes('sidecar.istio.io/proxyCPU'), 'already written');
    assert.ok(!c.labels.includes('sidecar.istio.io/status'), 'hidden: set by the injector');
    assert.ok(!c.labels.includes('networking.istio.io/exportTo'), 'a Service annotation');
    const deprecated = c.items.find(i => i.label === 'sidecar.istio.io/inject');
    assert.strictEqual(deprecated?.deprecated, true);
  });

  it("Service annotations on a Service, labels on a Namespace; nothing on the Deployment's top level", () => {
    const svc = completeAt(`
      apiVersion: v1
      kind: Service
      metadata:
        name: reviews
        annotations:
          net$0`);
    assert.ok(svc.labels.includes('networking.istio.io/exportTo'), svc.labels.join(', '));
    assert.ok(!svc.labels.includes('proxy.istio.io/config'));
    const ns = completeAt(`
      apiVersion: v1
      kind: Namespace
      metadata:
        name: shop
        labels:
          $0`);
    assert.ok(ns.labels.includes('istio.io/dataplane-mode'), ns.labels.join(', '));
    assert.ok(ns.labels.includes('istio.io/rev'));
    const top = completeAt(`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: reviews}
      $0`);
    assert.deepStrictEqual(top.labels, []);
  });

  it('values of names with a fixed set are strings', () => {
    const c = completeAt(`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
        labels:
          sidecar.istio.io/inject: $0`);
    assert.deepStrictEqual(c.labels, ['true', 'false']);
    assert.match(accept(c, 'false'), /sidecar\.istio\.io\/inject: "false"/);
  });

  it('hover on a name: description, where it goes, deprecation, reference', () => {
    const h = hoverAt(`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: reviews}
      spec:
        template:
          metadata:
            annotations:
              sidecar.istio.io/proxy$0CPU: 100m`);
    assert.strictEqual(h?.text, 'sidecar.istio.io/proxyCPU');
    assert.match(h.contents, /^\*\*sidecar\.istio\.io\/proxyCPU\*\* · Istio annotation/);
    assert.match(h.contents, /Value: a Kubernetes quantity/);
    assert.match(h.contents, /config\/annotations\/#SidecarProxyCPU\)/);
    const dep = hoverAt(`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
        annotations:
          sidecar.istio.io/inj$0ect: "true"`);
    assert.match(dep?.contents ?? '', /\*\*Deprecated\*\*: use the label sidecar\.istio\.io\/inject/);
  });
});
