import * as assert from 'assert';
import { validateResource, type SchemaProblem } from '../../../server/src/core/schema/validate';
import { SchemaRegistry } from '../../../server/src/core/schema/registry';
import { parseYamlFile } from '../../../server/src/core/parse/parseFile';
import { analyzeFixture, placedFindings } from '../../harness/analyze';
import { parseFixture } from '../../harness/fixture';
import { ruleTester } from '../../harness/ruleTester';

ruleTester('schema', {
  valid: [
    {
      name: 'a complete VirtualService with every common field',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: reviews
          namespace: shop
          labels: {app: reviews, version: "1.0"}
          annotations: {note: x}
        spec:
          hosts: [reviews]
          gateways: [mesh]
          http:
          - name: canary
            match:
            - uri: {prefix: /api}
              headers:
                end-user: {exact: jason}
            route:
            - destination: {host: reviews, subset: v2, port: {number: 9080}}
              weight: 90
            - destination: {host: reviews, subset: v1}
              weight: 10
            timeout: 1.5s
            retries: {attempts: 3, perTryTimeout: 2s, retryOn: "5xx,connect-failure"}
            fault:
              delay: {fixedDelay: 100ms, percentage: {value: 0.5}}
          tcp:
          - route:
            - destination: {host: db}`,
    },
    {
      name: 'deprecated fields and values are left to deprecated-field',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: r
          trafficPolicy:
            loadBalancer: {simple: LEAST_CONN}
            outlierDetection: {consecutiveErrors: 5}`,
    },
    {
      name: 'free-form values: EnvoyFilter patch.value, status',
      code: `
        apiVersion: networking.istio.io/v1alpha3
        kind: EnvoyFilter
        metadata: {name: f}
        spec:
          configPatches:
          - applyTo: HTTP_FILTER
            patch:
              operation: INSERT_BEFORE
              value:
                name: envoy.lua
                typed_config: {"@type": x, anything: [1, 2]}
        status:
          whatever: true`,
    },
    {
      name: 'nulls (written as empty values) are pruned by the API server',
      code: `
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata:
          name: g
          creationTimestamp: null
        spec:
          selector:
          servers:`,
    },
    {
      name: 'Kubernetes and other non-Istio documents are not checked',
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec: {replicas: three, whatever: 1}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: r}
        spec: {parentRefs: 7}`,
    },
    {
      name: 'Helm-templated values and keys are not judged, nor what a templated object lacks',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: {{ .Values.name }}
        spec:
          host: {{ .Values.host }}
          trafficPolicy:
            connectionPool:
              tcp: {maxConnections: {{ .Values.max }}}
          subsets:
          - {{ .Values.subsetKey }}: v1`,
    },
    {
      name: 'merge keys supply fields',
      code: `
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: se}
        spec:
          hosts: [a.example.com]
          ports:
          - &p {number: 443, name: https}
          - <<: *p
            number: 8443`,
    },
    {
      name: 'a List of resources is checked item by item (valid items)',
      code: `
        apiVersion: v1
        kind: List
        items:
        - apiVersion: security.istio.io/v1
          kind: PeerAuthentication
          metadata: {name: default}
          spec: {mtls: {mode: STRICT}}`,
    },
    {
      name: 'Telemetry release-channel fields are served in v1',
      code: `
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: {name: t}
        spec:
          tracing:
          - randomSamplingPercentage: 10
            useRequestIdForTraceSampling: true`,
    },
    {
      name: 'a Sidecar egress listener on port 0 bound to a unix socket (Istio allows 0 there)',
      code: `
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: uds}
        spec:
          egress:
          - port: {number: 0, protocol: HTTP, name: uds}
            bind: unix:///var/run/egress.sock
            hosts: ["./*"]`,
    },
  ],
  invalid: [
    {
      name: 'unknown field with a did-you-mean rename',
      messages: ["Unknown field 'subst' in Destination. Did you mean 'subset'?"],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: v}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination:
                host: reviews
                subst: v1
        #       ^^^^^ schema
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews}
        spec:
          host: reviews
          subsets: [{name: v1, labels: {version: v1}}]`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: v}
          spec:
            hosts: [reviews]
            http:
            - route:
              - destination:
                  host: reviews
                  subset: v1`,
      },
    },
    {
      name: 'unknown field far from any: reported, not renamed, and its value not looked into',
      messages: ["Unknown field 'listeners' in Gateway."],
      code: `
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: g}
        spec:
          selector: {istio: ingressgateway}
          listeners:
        # ^^^^^^^^^ schema
          - port: {number: "x"}`,
    },
    {
      name: 'wrong types: a string where an integer goes, a number where a string goes (quote fix)',
      messages: ['version must be a string, not a number.', 'attempts must be an integer, not a string.'],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: v
          labels:
            version: 1.0
        #            ^^^ schema
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews}
            retries: {attempts: "3"}
        #                       ^^^ schema`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata:
            name: v
            labels:
              version: "1.0"
          spec:
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              retries: {attempts: "3"}`,
      },
    },
    {
      name: 'a wrongly typed object is reported on its key, its children are not',
      messages: ['subsets must be a list, not a map.'],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: r
          subsets:
        # ^^^^^^^ schema
            name: v1
            labels: {version: v1, bogus: [1]}`,
    },
    {
      name: 'a scalar where an object goes is reported on the value',
      messages: ['trafficPolicy must be an object, not a string.'],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: r
          trafficPolicy: ISTIO_MUTUAL
        #                ^^^^^^^^^^^^ schema`,
    },
    {
      name: 'bad enum value, replaced by the same word in upper case',
      messages: ["'strict' is not a valid mode: use one of UNSET, DISABLE, PERMISSIVE, STRICT."],
      code: `
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default}
        spec:
          mtls:
            mode: strict
        #         ^^^^^^ schema`,
      output: {
        'test.yaml': `
          apiVersion: security.istio.io/v1
          kind: PeerAuthentication
          metadata: {name: default}
          spec:
            mtls:
              mode: STRICT`,
      },
    },
    {
      name: 'bad enum value in quotes keeps its quotes; a typo finds the closest value',
      messages: [
        "'ROUND_ROBBIN' is not a valid simple: use one of UNSPECIFIED, LEAST_CONN, RANDOM, PASSTHROUGH, ROUND_ROBIN, LEAST_REQUEST.",
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: r
          trafficPolicy:
            loadBalancer: {simple: "ROUND_ROBBIN"}
        #                          ^^^^^^^^^^^^^^ schema`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: r}
          spec:
            host: r
            trafficPolicy:
              loadBalancer: {simple: "ROUND_ROBIN"}`,
      },
    },
    {
      name: 'missing required fields: on the key holding the object, once, listing them all',
      messages: [
        'port is missing the required fields name, protocol.',
        'servers[] is missing the required field port.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: g}
        spec:
          servers:
          - port:
        #   ^^^^ schema
              number: 80
            hosts: ["*"]
          - hosts: ["*"]
        #   ^^^^^ schema`,
    },
    {
      name: 'missing required field in a flow map, and a required field left empty',
      messages: ['destination is missing the required field host.', 'host is required and must have a value.'],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: v}
        spec:
          http:
          - route:
            - destination: {}
        #     ^^^^^^^^^^^ schema
          - route:
            - destination:
                host:
        #       ^^^^ schema`,
    },
    {
      name: 'a DestinationRule without host',
      messages: ['spec is missing the required field host.'],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
        #^^^ schema
          subsets: [{name: v1}]`,
    },
    {
      name: 'malformed durations, and a bare number where a duration goes (fix adds the unit)',
      messages: [
        'timeout is a duration and needs a unit: 10s, not 10.',
        "'2 seconds' is not a duration: write a number with a unit, e.g. 5s, 100ms, 1m30s.",
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: v}
        spec:
          http:
          - route:
            - destination: {host: a}
            timeout: 10
        #            ^^ schema
            retries: {attempts: 2, perTryTimeout: 2 seconds}
        #                                         ^^^^^^^^^ schema`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: v}
          spec:
            http:
            - route:
              - destination: {host: a}
              timeout: 10s
              retries: {attempts: 2, perTryTimeout: 2 seconds}`,
      },
    },
    {
      name: 'one-of violations: a second action, a second match type',
      messages: [
        'prefix cannot be set together with exact (only one of exact, prefix, regex). Set exactly one of exact, prefix or regex.',
        'redirect cannot be set together with route (only one of route, redirect, directResponse, delegate). An HTTP route rule needs exactly one action: route, redirect, directResponse or delegate.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: v}
        spec:
          http:
          - match:
            - uri: {exact: /a, prefix: /b}
        #                      ^^^^^^ schema
            route:
            - destination: {host: a}
            redirect: {uri: /c}
        #   ^^^^^^^^ schema`,
    },
    {
      name: 'one-of required: an HTTP route without any action',
      messages: [
        'One of route, redirect, directResponse, delegate must be set. An HTTP route rule needs exactly one action: route, redirect, directResponse or delegate.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: v}
        spec:
          http:
          - match:
        #   ^^^^^ schema
            - uri: {prefix: /a}`,
    },
    {
      name: 'duplicate keys, also inside free-form values',
      messages: [
        "Duplicate key 'resolution': only one of them takes effect.",
        "Duplicate key 'a': only one of them takes effect.",
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: se}
        spec:
          hosts: [a.example.com]
          resolution: DNS
          resolution: STATIC
        # ^^^^^^^^^^ schema
        status:
          a: 1
          a: 2
        # ^ schema`,
    },
    {
      name: 'numbers out of range, pattern mismatch, too many items',
      messages: [
        'number must be between 0 and 65535, not 70000.',
        'credentialNames must have between 1 and 2 items (it has 3).',
        "'x user' is not a valid header (must match ^[-_A-Za-z0-9]+$).",
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: s}
        spec:
          ingress:
          - port: {number: 70000, protocol: HTTP, name: http}
        #                  ^^^^^ schema
            defaultEndpoint: 127.0.0.1:8080
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: g}
        spec:
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            hosts: ["*"]
            tls:
              mode: SIMPLE
              credentialNames: [a, b, c]
        #     ^^^^^^^^^^^^^^^ schema
        ---
        apiVersion: security.istio.io/v1
        kind: RequestAuthentication
        metadata: {name: ra}
        spec:
          jwtRules:
          - issuer: https://issuer
            outputClaimToHeaders:
            - {header: "x user", claim: sub}
        #              ^^^^^^^^ schema`,
    },
    {
      name: 'unknown kind in an Istio group: once, on kind, with a did-you-mean fix',
      messages: ['networking.istio.io has no kind VirtualServce. Did you mean VirtualService?'],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualServce
        #     ^^^^^^^^^^^^^ schema
        metadata: {name: v}
        spec:
          bogus: 1`,
    },
    {
      name: 'a kind of another Istio group: the fix moves the apiVersion',
      messages: ['security.istio.io has no kind DestinationRule. DestinationRule is in networking.istio.io.'],
      code: `
        apiVersion: security.istio.io/v1
        kind: DestinationRule
        #     ^^^^^^^^^^^^^^^ schema
        metadata: {name: r}
        spec: {host: r}`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: r}
          spec: {host: r}`,
      },
    },
    {
      name: 'a version the kind is not served as',
      messages: [
        'Gateway is not served as networking.istio.io/v1beta2: use one of networking.istio.io/v1alpha3, networking.istio.io/v1beta1, networking.istio.io/v1.',
      ],
      code: `
        apiVersion: networking.istio.io/v1beta2
        #           ^^^^^^^^^^^^^^^^^^^^^^^^^^^ schema
        kind: Gateway
        metadata: {name: g}
        spec: {selector: {istio: ingressgateway}}`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: Gateway
          metadata: {name: g}
          spec: {selector: {istio: ingressgateway}}`,
      },
    },
    {
      name: 'a List item is checked like a document',
      messages: ["'DENNY' is not a valid action: use one of ALLOW, DENY, AUDIT, CUSTOM."],
      code: `
        apiVersion: v1
        kind: List
        items:
        - apiVersion: security.istio.io/v1
          kind: AuthorizationPolicy
          metadata: {name: a}
          spec: {action: DENNY}
        #                ^^^^^ schema`,
    },
  ],
});

describe('rule schema: messages and edge cases', () => {
  const findings = (code: string) => {
    const fixture = parseFixture(code);
    return placedFindings(analyzeFixture(fixture), fixture.files.keys()).filter(f => f.ruleId === 'schema');
  };

  it('says what is wrong, in words', () => {
    const found = findings(`
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: v}
      spec:
        http:
        - route:
          - destination: {host: a, subst: v1}
          timeout: 10
          retries: {attempts: x}
        - redirect: {uri: /x}
          rewrite: {uri: /y}
      ---
      apiVersion: networking.istio.io/v1
      kind: Gatway
      metadata: {name: g}`);
    assert.deepStrictEqual(
      found.map(f => f.message),
      [
        "Unknown field 'subst' in Destination. Did you mean 'subset'?",
        'timeout is a duration and needs a unit: 10s, not 10.',
        'attempts must be an integer, not a string.',
        'rewrite cannot be set together with redirect (only one of rewrite, redirect). An HTTP route rule cannot both rewrite and redirect.',
        'networking.istio.io has no kind Gatway. Did you mean Gateway?',
      ],
    );
    assert.deepStrictEqual(
      found.map(f => f.finding.fixes?.map(x => x.title)),
      [['Rename to subset'], ['Write 10s'], undefined, undefined, ['Replace with Gateway']],
    );
  });

  it('without schemas (a broken install) the rule is silent', () => {
    const fixture = parseFixture('apiVersion: networking.istio.io/v1\nkind: Gatway\nmetadata: {name: g}');
    const found = placedFindings(analyzeFixture(fixture, { schemas: null }), fixture.files.keys()).filter(
      f => f.ruleId === 'schema',
    );
    assert.deepStrictEqual(found, []);
  });

  it('fields served in some versions only are reported in the others (x-istio-versions)', () => {
    const registry = new SchemaRegistry([
      {
        group: 'example.istio.io',
        kind: 'Thing',
        versions: ['v1alpha1', 'v1'],
        preferredVersion: 'v1',
        schema: {
          type: 'object',
          additionalProperties: false,
          properties: {
            spec: {
              type: 'object',
              additionalProperties: false,
              properties: { old: { type: 'string', 'x-istio-versions': ['v1alpha1'] }, kept: { type: 'string' } },
            },
          },
        },
      },
    ]);
    const text = 'spec:\n  old: a\n  kept: b\n';
    const root = parseYamlFile('/t.yaml', text).docs[0].root!;
    const problems = (version: string) => {
      const out: SchemaProblem[] = [];
      validateResource(root, registry.resource(`example.istio.io/${version}`, 'Thing')!.root, version, text, p =>
        out.push(p),
      );
      return out.map(p => `${p.id} ${text.slice(p.span.start, p.span.end)}`);
    };
    assert.deepStrictEqual(problems('v1alpha1'), []);
    assert.deepStrictEqual(problems('v1'), ['notInVersion old']);
  });
});
