import * as assert from 'assert';
import { accept, completeAt } from '../../harness/completion';
import { dedent } from '../../harness/dedent';

/**
 * Completion at cursor positions (`$0`) where users actually type, as a table: each case names the
 * labels expected (in display order, or some that must / must not appear), and optionally the
 * document after accepting one of them. Every item of every case must carry documentation and a
 * sortText.
 */
interface Case {
  readonly name: string;
  readonly code: string | readonly string[];
  /** Exactly these labels, in display order. */
  readonly labels?: readonly string[];
  /** The list starts with these labels. */
  readonly first?: readonly string[];
  readonly includes?: readonly string[];
  readonly excludes?: readonly string[];
  /** No completion at all (undefined result). */
  readonly none?: true;
  /** Labels tagged deprecated. */
  readonly deprecated?: readonly string[];
  /** [label, the cursor file's text after accepting it]. */
  readonly accept?: readonly [string, string];
  readonly incomplete?: boolean;
  readonly trigger?: string;
}

const VS_HEAD = `
  apiVersion: networking.istio.io/v1
  kind: VirtualService
  metadata:
    name: reviews
    namespace: shop
  spec:`;

/** The VirtualService head followed by body lines (indented as under `spec:`), as one fixture part. */
function vs(...lines: string[]): string {
  return [VS_HEAD, ...lines].join('\n');
}

/** A workspace around the cursor file: Services, workloads, DestinationRules and Gateways. */
const WORKSPACE = `
  #- k8s.yaml
  apiVersion: v1
  kind: Service
  metadata: {name: reviews, namespace: shop}
  spec:
    selector: {app: reviews}
    ports: [{port: 9080, name: http}]
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: ratings, namespace: shop}
  spec: {selector: {app: ratings}}
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: billing, namespace: payments}
  spec: {selector: {app: billing}}
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: reviews-v1, namespace: shop}
  spec:
    template:
      metadata:
        labels: {app: reviews, version: v1}
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: reviews-v2, namespace: shop}
  spec:
    template:
      metadata:
        labels: {app: reviews, version: v2}
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: ingress, namespace: istio-system}
  spec:
    template:
      metadata:
        labels: {istio: ingressgateway}
  #- mesh.yaml
  apiVersion: networking.istio.io/v1
  kind: DestinationRule
  metadata: {name: reviews, namespace: shop}
  spec:
    host: reviews
    subsets:
    - name: v1
      labels: {version: v1}
    - name: v2
      labels: {version: v2}
  ---
  apiVersion: networking.istio.io/v1
  kind: DestinationRule
  metadata: {name: reviews-client, namespace: frontend}
  spec:
    host: reviews.shop.svc.cluster.local
    subsets:
    - name: canary
      labels: {track: canary}
  ---
  apiVersion: networking.istio.io/v1
  kind: ServiceEntry
  metadata: {name: api, namespace: shop}
  spec:
    hosts: [api.example.com, "*.wikipedia.org"]
    ports: [{number: 443, name: https, protocol: TLS}]
    resolution: DNS
  ---
  apiVersion: networking.istio.io/v1
  kind: Gateway
  metadata: {name: public, namespace: istio-system}
  spec:
    selector: {istio: ingressgateway}
    servers:
    - port: {number: 80, name: http, protocol: HTTP}
      hosts: ["*.example.com"]
  ---
  apiVersion: networking.istio.io/v1
  kind: Gateway
  metadata: {name: internal, namespace: shop}
  spec:
    selector: {istio: ingressgateway}
    servers:
    - port: {number: 80, name: http, protocol: HTTP}
      hosts: ["shop.internal"]`;

const CASES: readonly Case[] = [
  // --- keys on blank indented lines, required first, inserted with their structure -----------
  {
    name: 'VirtualService spec, blank indented line: every top-level field, structured inserts',
    code: [vs('    $0')],
    labels: ['exportTo', 'gateways', 'hosts', 'http', 'tcp', 'tls'],
    accept: ['http', `${dedent(VS_HEAD)}\n  http:\n  - `],
  },
  {
    name: 'a field already present is not offered again (above and below the cursor)',
    code: [vs('    hosts: [reviews]', '    $0', '    gateways: [mesh]')],
    labels: ['exportTo', 'http', 'tcp', 'tls'],
  },
  {
    name: 'DestinationRule spec: the required host comes first; subsets inserts its required name',
    code: `
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: reviews}
      spec:
        $0`,
    first: ['host', 'exportTo', 'subsets'],
    accept: [
      'subsets',
      'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: reviews}\nspec:\n  subsets:\n  - name: ',
    ],
  },
  {
    name: 'a list of objects with required children: the tls route snippet is complete',
    code: [vs('    $0')],
    accept: ['tls', `${dedent(VS_HEAD)}\n  tls:\n  - match:\n    - sniHosts:\n      - `],
  },
  {
    name: 'indented list style of the document is followed',
    code: `
      apiVersion: networking.istio.io/v1
      kind: Sidecar
      metadata:
        name: default
      spec:
        egress:
          - hosts:
              - "./*"
        $0`,
    accept: [
      'ingress',
      'apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata:\n  name: default\nspec:\n  egress:\n    - hosts:\n        - "./*"\n  ingress:\n    - port:\n        ',
    ],
  },
  {
    name: 'an object with a required child: the child is inserted (Destination.host)',
    code: [vs('    http:', '    - $0')],
    accept: ['mirror', `${dedent(VS_HEAD)}\n  http:\n  - mirror:\n      host: `],
  },
  {
    name: 'nested route: blank line inside a destination',
    code: [vs('    http:', '    - route:', '      - destination:', '          host: reviews', '          $0')],
    labels: ['port', 'subset'],
  },
  {
    name: 'metadata: the fields people write come first',
    code: `
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata:
        name: default
        $0`,
    first: ['annotations', 'labels', 'namespace'],
    excludes: ['name'],
  },
  {
    name: 'document root: metadata and spec first, status never',
    code: `
      apiVersion: telemetry.istio.io/v1
      kind: Telemetry
      $0`,
    labels: ['metadata', 'spec'],
  },
  {
    name: 'document root with the kind not written yet: kind and metadata',
    code: `
      apiVersion: security.istio.io/v1
      $0`,
    labels: ['kind', 'metadata'],
  },
  // --- after "- ", partial keys -------------------------------------------------------------
  {
    name: 'after "- " in a list of objects: the item\'s keys',
    code: [vs('    http:', '    - $0')],
    includes: ['route', 'match', 'redirect', 'timeout', 'retries', 'fault'],
  },
  {
    name: 'after "-" without a space (triggered by "-"): the space is inserted',
    code: `
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: r}
      spec:
        host: r
        subsets:
        -$0`,
    trigger: '-',
    first: ['name'],
    accept: [
      'name',
      'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: r}\nspec:\n  host: r\n  subsets:\n  - name: ',
    ],
  },
  {
    name: 'second list item: keys of a fresh item, not of the previous one',
    code: [vs('    http:', '    - route:', '      - destination: {host: a}', '    - $0')],
    includes: ['route', 'match'],
  },
  {
    name: "the item's other keys on the following lines are excluded",
    code: `
      apiVersion: security.istio.io/v1
      kind: AuthorizationPolicy
      metadata: {name: a}
      spec:
        rules:
        - $0
          to:
          - operation: {methods: [GET]}`,
    labels: ['from', 'when'],
  },
  {
    name: "fields newer than Istio 1.29, from the current CRDs (issue 9's false errors)",
    code: `
      apiVersion: security.istio.io/v1
      kind: AuthorizationPolicy
      metadata: {name: a}
      spec:
        rules:
        - from:
          - source:
              $0`,
    includes: ['trustDomains', 'notTrustDomains', 'principals'],
  },
  {
    name: 'a DestinationRule http connection pool offers http2KeepAlive',
    code: `
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: d}
      spec:
        host: reviews
        trafficPolicy:
          connectionPool:
            http:
              $0`,
    includes: ['http2KeepAlive', 'maxRetries'],
  },
  {
    name: 'partial key: the word is replaced, not appended to',
    code: [vs('    http:', '    - tim$0')],
    includes: ['timeout'],
    accept: ['timeout', `${dedent(VS_HEAD)}\n  http:\n  - timeout: `],
  },
  {
    name: 'partial key in the middle of an existing key keeps the colon',
    code: `
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata: {name: g}
      spec:
        sel$0ector: {istio: ingressgateway}`,
    includes: ['selector', 'servers'],
    accept: [
      'servers',
      'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec:\n  servers: {istio: ingressgateway}',
    ],
  },
  {
    name: 'blank line under a list key: new items with their dash',
    code: `
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: se}
      spec:
        hosts: [api.example.com]
        ports:
          $0`,
    first: ['name', 'number'],
    accept: [
      'number',
      'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: se}\nspec:\n  hosts: [api.example.com]\n  ports:\n    - number: ',
    ],
  },
  {
    name: 'the cursor at the start of an existing key after "- ": the key is replaced',
    code: [vs('    http:', '    - $0route:', '      - destination: {host: a}')],
    includes: ['route', 'redirect'],
    accept: ['redirect', `${dedent(VS_HEAD)}\n  http:\n  - redirect:\n    - destination: {host: a}`],
  },
  {
    name: 'a flow map spanning lines',
    code: `
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: r}
      spec:
        host: r
        trafficPolicy: {
          tls: {mode: SIMPLE},
          $0
        }`,
    includes: ['loadBalancer', 'connectionPool'],
    excludes: ['tls'],
  },
  {
    name: 'Windows line endings',
    code: 'apiVersion: security.istio.io/v1\r\nkind: PeerAuthentication\r\nmetadata: {name: p}\r\nspec:\r\n  mtls:\r\n    mode: $0\r\n',
    labels: ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'],
  },
  {
    name: 'a value typed inside quotes: no quotes added',
    code: [vs('    http:', '    - route:', '      - destination:', '          host: "rev$0"'), WORKSPACE],
    labels: ['reviews'],
    accept: ['reviews', `${dedent(VS_HEAD)}\n  http:\n  - route:\n    - destination:\n        host: "reviews"`],
  },
  // --- values: enums, booleans ---------------------------------------------------------------
  {
    name: 'enum value: PeerAuthentication mtls.mode',
    code: `
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: default, namespace: istio-system}
      spec:
        mtls:
          mode: $0`,
    labels: ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'],
  },
  {
    name: 'enum value being typed: the typed word is replaced',
    code: `
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: default}
      spec:
        mtls:
          mode: STR$0`,
    includes: ['STRICT'],
    accept: [
      'STRICT',
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default}\nspec:\n  mtls:\n    mode: STRICT',
    ],
  },
  {
    name: 'enum value right after the colon (triggered by ":"): a space is inserted',
    code: `
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: se}
      spec:
        hosts: [a.example.com]
        location:$0`,
    trigger: ':',
    labels: ['MESH_EXTERNAL', 'MESH_INTERNAL'],
    accept: [
      'MESH_INTERNAL',
      'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: se}\nspec:\n  hosts: [a.example.com]\n  location: MESH_INTERNAL',
    ],
  },
  {
    name: 'deprecated enum values are last and tagged (LEAST_CONN)',
    code: `
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: r}
      spec:
        host: r
        trafficPolicy:
          loadBalancer:
            simple: $0`,
    labels: ['RANDOM', 'PASSTHROUGH', 'ROUND_ROBIN', 'LEAST_REQUEST', 'LEAST_CONN', 'UNSPECIFIED'],
    deprecated: ['LEAST_CONN'],
  },
  {
    name: 'the default enum value comes first (AuthorizationPolicy action ALLOW)',
    code: `
      apiVersion: security.istio.io/v1
      kind: AuthorizationPolicy
      metadata: {name: a}
      spec:
        action: $0`,
    first: ['ALLOW', 'DENY', 'AUDIT', 'CUSTOM'],
  },
  {
    name: 'boolean value',
    code: `
      apiVersion: telemetry.istio.io/v1
      kind: Telemetry
      metadata: {name: t}
      spec:
        tracing:
        - disableSpanReporting: $0`,
    labels: ['true', 'false'],
  },
  {
    name: 'a space-triggered request on a key position gives nothing (indenting must not open a list)',
    code: [vs('    $0')],
    trigger: ' ',
    none: true,
  },
  {
    name: 'a space-triggered request on a value position gives values',
    code: `
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: se}
      spec:
        hosts: [a.example.com]
        resolution: $0`,
    trigger: ' ',
    first: ['NONE', 'STATIC', 'DNS'],
  },
  {
    name: 'WorkloadEntry: the fields written are not offered again',
    code: `
      apiVersion: networking.istio.io/v1
      kind: WorkloadEntry
      metadata: {name: vm}
      spec:
        address: 10.0.0.1
        network: n1
        weight: 1
        locality: us-east
        serviceAccount: sa
        labels: {app: vm}
        ports: {http: 8080}
        $0`,
    labels: [],
  },
  // --- flow collections ------------------------------------------------------------------------
  {
    name: 'flow map: a value',
    code: `
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: default}
      spec:
        mtls: {mode: $0}`,
    labels: ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'],
  },
  {
    name: 'flow map: keys, those present excluded, inserted on one line',
    code: `
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: v}
      spec:
        http:
        - route:
          - destination: {host: reviews, $0}`,
    labels: ['port', 'subset'],
    accept: [
      'port',
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: v}\nspec:\n  http:\n  - route:\n    - destination: {host: reviews, port: {}}',
    ],
  },
  {
    name: 'flow map nested in a flow map',
    code: `
      apiVersion: networking.istio.io/v1
      kind: Sidecar
      metadata: {name: s}
      spec:
        outboundTrafficPolicy: {mode: $0, egressProxy: {host: egress}}`,
    labels: ['REGISTRY_ONLY', 'ALLOW_ANY'],
  },
  {
    name: 'flow sequence: gateways',
    code: [vs('    gateways: [mesh, $0]'), WORKSPACE],
    first: ['mesh', 'shop/internal', 'istio-system/public'],
  },
  {
    name: 'flow map keys in a list item (DestinationRule subset)',
    code: `
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: r}
      spec:
        host: r
        subsets: [{name: v1, $0}]`,
    labels: ['labels', 'trafficPolicy'],
  },
  // --- end of file, broken files, multi-document files ----------------------------------------
  {
    name: 'end of file without a trailing newline',
    code: 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec:\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    $0',
    labels: ['hosts', 'bind', 'defaultEndpoint', 'name', 'tls'],
  },
  {
    name: 'the rest of the file is not valid YAML',
    code: `
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata: {name: g}
      spec:
        servers:
        - port:
            number: 80
            $0
          hosts: [
        - bad: [}
          "unterminated`,
    labels: ['name', 'protocol', 'targetPort'],
  },
  {
    name: 'a half-written key above the cursor',
    code: `
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: r}
      spec:
        host: r
        trafficPo
        $0`,
    includes: ['trafficPolicy', 'subsets'],
    excludes: ['host'],
  },
  {
    name: "multi-document file: the cursor's document decides the schema (third document)",
    code: `
      apiVersion: v1
      kind: Service
      metadata: {name: x}
      ---
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: v}
      spec: {hosts: [x]}
      ---
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: se}
      spec:
        hosts: [a.example.com]
        resolution: $0
      ---
      apiVersion: networking.istio.io/v1
      kind: Gateway`,
    labels: ['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS'],
  },
  {
    name: 'multi-document file: first document of an Istio file',
    code: `
      apiVersion: networking.istio.io/v1alpha3
      kind: EnvoyFilter
      metadata: {name: f}
      spec:
        configPatches:
        - applyTo: $0
      ---
      apiVersion: networking.istio.io/v1
      kind: Sidecar`,
    includes: ['HTTP_FILTER', 'LISTENER', 'CLUSTER'],
  },
  {
    name: 'a block scalar is not completed inside',
    code: `
      apiVersion: extensions.istio.io/v1alpha1
      kind: WasmPlugin
      metadata:
        name: w
        annotations:
          note: |
            some text
            $0
      spec:
        url: oci://x`,
    none: true,
  },
  {
    name: 'free-form values get no keys (EnvoyFilter patch.value)',
    code: `
      apiVersion: networking.istio.io/v1alpha3
      kind: EnvoyFilter
      metadata: {name: f}
      spec:
        configPatches:
        - patch:
            value:
              $0`,
    none: true,
  },
  // --- non-Istio documents --------------------------------------------------------------------
  {
    name: 'a Kubernetes Deployment is left alone',
    code: `
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: d
      spec:
        $0`,
    none: true,
  },
  {
    name: 'a docker-compose file is left alone',
    code: `
      services:
        web:
          $0`,
    none: true,
  },
  {
    name: 'apiVersion in a plain Kubernetes file gets no Istio apiVersions',
    code: `
      apiVersion: $0
      metadata: {name: x}
      data: {a: b}`,
    none: true,
  },
  {
    name: 'a blank file: the first keys of a new resource, then the whole-document templates',
    code: '$0',
    first: ['apiVersion', 'kind', 'istio-vs', 'istio-vs-canary'],
    includes: ['istio-vs', 'istio-dr', 'istio-gw-https'],
  },
  {
    name: '"api" typed in an empty file: apiVersion and kind (the editor filters), and the templates',
    code: 'api$0',
    first: ['apiVersion', 'kind'],
    includes: ['istio-vs'],
  },
  {
    name: 'the blank line after --- in an Istio file: a new resource starts there',
    code: `
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata: {name: g}
      ---
      $0`,
    first: ['apiVersion', 'kind'],
    includes: ['istio-vs', 'istio-dr'],
  },
  {
    name: '"istio-" typed at the top level (the "-" triggers completion): the templates',
    code: `
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata: {name: g}
      ---
      istio-$0`,
    trigger: '-',
    includes: ['istio-vs', 'istio-dr', 'istio-gw-https'],
  },
  {
    name: 'no templates in a document that has begun, under spec, or at a value',
    code: vs('  $0'),
    excludes: ['istio-vs', 'apiVersion'],
  },
  {
    name: 'no templates at the top level of a document that has keys',
    code: `
      apiVersion: networking.istio.io/v1
      kind: Gateway
      $0`,
    excludes: ['istio-vs', 'istio-gateway'],
  },
  {
    name: 'no templates at an enum value',
    code: `
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: r}
      spec:
        host: r
        trafficPolicy:
          loadBalancer:
            simple: $0`,
    excludes: ['istio-vs', 'istio-dr'],
  },
  {
    name: 'a new file with only "apiVersion:" written: Istio apiVersions',
    code: 'apiVersion: $0',
    includes: ['networking.istio.io/v1', 'security.istio.io/v1'],
  },
  // --- apiVersion and kind ---------------------------------------------------------------------
  {
    name: 'apiVersion for a known kind: v1 first, superseded versions last and deprecated',
    code: `
      apiVersion: $0
      kind: VirtualService`,
    labels: ['networking.istio.io/v1', 'networking.istio.io/v1alpha3', 'networking.istio.io/v1beta1'],
    deprecated: ['networking.istio.io/v1alpha3', 'networking.istio.io/v1beta1'],
  },
  {
    name: 'apiVersion for AuthorizationPolicy: only security versions',
    code: `
      kind: AuthorizationPolicy
      apiVersion: sec$0`,
    labels: ['security.istio.io/v1', 'security.istio.io/v1beta1'],
    deprecated: ['security.istio.io/v1beta1'],
  },
  {
    name: 'apiVersion without a kind in an Istio file: every Istio group, v1 first',
    code: `
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata: {name: g}
      ---
      apiVersion: $0`,
    first: ['networking.istio.io/v1', 'security.istio.io/v1', 'telemetry.istio.io/v1'],
    includes: ['extensions.istio.io/v1alpha1', 'install.istio.io/v1alpha1', 'networking.istio.io/v1alpha3'],
  },
  {
    name: 'kind filtered by apiVersion (telemetry.istio.io/v1)',
    code: `
      apiVersion: telemetry.istio.io/v1
      kind: $0`,
    labels: ['Telemetry'],
  },
  {
    name: 'kind for a superseded version: kinds preferring it first, superseded kinds deprecated',
    code: `
      apiVersion: networking.istio.io/v1beta1
      kind: $0`,
    labels: [
      'ProxyConfig',
      'DestinationRule',
      'Gateway',
      'ServiceEntry',
      'Sidecar',
      'VirtualService',
      'WorkloadEntry',
      'WorkloadGroup',
    ],
    deprecated: [
      'DestinationRule',
      'Gateway',
      'ServiceEntry',
      'Sidecar',
      'VirtualService',
      'WorkloadEntry',
      'WorkloadGroup',
    ],
  },
  {
    name: 'kind of a non-Istio group: nothing',
    code: `
      apiVersion: apps/v1
      kind: $0`,
    none: true,
  },
  // --- workspace values ------------------------------------------------------------------------
  {
    name: 'subset: the subsets of the DestinationRule that applies from the VirtualService namespace',
    code: [
      vs(
        '    hosts: [reviews]',
        '    http:',
        '    - route:',
        '      - destination:',
        '          host: reviews',
        '          subset: $0',
      ),
      WORKSPACE,
    ],
    labels: ['v1', 'v2'],
    excludes: ['canary'],
  },
  {
    name: 'subset with the host written after it, in a flow map',
    code: [
      vs(
        '    hosts: [reviews]',
        '    http:',
        '    - route:',
        '      - destination: {subset: $0, host: reviews.shop.svc.cluster.local}',
      ),
      WORKSPACE,
    ],
    labels: ['v1', 'v2'],
  },
  {
    name: "subset from another namespace: the rule of the VirtualService's namespace first, then those its other clients see",
    code: [
      `
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: r, namespace: frontend}
      spec:
        hosts: [reviews.shop.svc.cluster.local]
        http:
        - route:
          - destination:
              host: reviews.shop.svc.cluster.local
              subset: $0`,
      WORKSPACE,
    ],
    labels: ['canary', 'v1', 'v2'],
  },
  {
    name: 'subset of a host no DestinationRule covers: an empty list',
    code: [vs('    http:', '    - route:', '      - destination: {host: ratings, subset: $0}'), WORKSPACE],
    labels: [],
  },
  {
    name: 'host: Services of the namespace, ServiceEntry hosts, DestinationRule hosts, other Services by FQDN',
    code: [vs('    http:', '    - route:', '      - destination:', '          host: $0'), WORKSPACE],
    labels: ['ratings', 'reviews', '*.wikipedia.org', 'api.example.com', 'billing.payments.svc.cluster.local'],
    accept: [
      '*.wikipedia.org',
      `${dedent(VS_HEAD)}\n  http:\n  - route:\n    - destination:\n        host: "*.wikipedia.org"`,
    ],
  },
  {
    name: 'DestinationRule host',
    code: [
      `
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: r, namespace: shop}
      spec:
        host: rat$0`,
      WORKSPACE,
    ],
    includes: ['ratings'],
  },
  {
    name: 'VirtualService hosts items',
    code: [vs('    hosts:', '    - $0'), WORKSPACE],
    first: ['ratings', 'reviews'],
  },
  {
    name: 'a blank line under a list of hosts: workspace hosts, written with their dash',
    code: [vs('    hosts:', '      $0'), WORKSPACE],
    first: ['ratings', 'reviews'],
    accept: ['reviews', `${dedent(VS_HEAD)}\n  hosts:\n    - reviews`],
  },
  {
    name: "gateways: mesh and ns/name of every Gateway, the namespace's own first",
    code: [vs('    gateways:', '    - $0'), WORKSPACE],
    labels: ['mesh', 'shop/internal', 'istio-system/public'],
  },
  {
    name: 'gateways in a route match',
    code: [vs('    http:', '    - match:', '      - gateways: [$0]'), WORKSPACE],
    includes: ['mesh', 'istio-system/public'],
  },
  {
    name: "selector matchLabels: labels of the namespace's workloads as key: value",
    code: [
      `
      apiVersion: security.istio.io/v1
      kind: AuthorizationPolicy
      metadata: {name: a, namespace: shop}
      spec:
        selector:
          matchLabels:
            $0`,
      WORKSPACE,
    ],
    labels: ['app: reviews', 'version: v1', 'version: v2'],
    excludes: ['istio: ingressgateway'],
  },
  {
    name: 'matchLabels: a key already written is not offered, its values are',
    code: [
      `
      apiVersion: security.istio.io/v1
      kind: RequestAuthentication
      metadata: {name: a, namespace: shop}
      spec:
        selector:
          matchLabels:
            app: reviews
            version: $0`,
      WORKSPACE,
    ],
    labels: ['v1', 'v2'],
  },
  {
    name: 'Sidecar workloadSelector.labels',
    code: [
      `
      apiVersion: networking.istio.io/v1
      kind: Sidecar
      metadata: {name: s, namespace: shop}
      spec:
        workloadSelector:
          labels: {app: reviews, $0}`,
      WORKSPACE,
    ],
    labels: ['version: v1', 'version: v2'],
  },
  {
    name: 'Gateway selector: gateway workloads of any namespace',
    code: [
      `
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata: {name: g, namespace: shop}
      spec:
        selector:
          $0`,
      WORKSPACE,
    ],
    includes: ['istio: ingressgateway', 'app: reviews'],
  },
  {
    name: 'policies in the root namespace select workloads of every namespace',
    code: [
      `
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: p, namespace: istio-system}
      spec:
        selector:
          matchLabels:
            $0`,
      WORKSPACE,
    ],
    includes: ['istio: ingressgateway', 'app: reviews'],
  },
  {
    name: 'a key typed in a list item of WorkloadGroup template',
    code: `
      apiVersion: networking.istio.io/v1
      kind: WorkloadGroup
      metadata: {name: wg}
      spec:
        template:
          serviceAccount: sa
        probe:
          httpGet: {port: 8080}
          per$0`,
    includes: ['periodSeconds'],
  },
  {
    name: 'ProxyConfig key',
    code: `
      apiVersion: networking.istio.io/v1beta1
      kind: ProxyConfig
      metadata: {name: pc}
      spec:
        concurrency: 2
        $0`,
    labels: ['environmentVariables', 'image', 'selector'],
  },
];

describe('completion', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const done = completeAt(c.code, { trigger: c.trigger });
      if (c.none) {
        assert.strictEqual(done.result, undefined, `expected no completion, got: ${done.labels.join(', ')}`);
        return;
      }
      assert.ok(done.result, 'no completion result');
      for (const item of done.items) {
        assert.ok(item.documentation && item.documentation.length > 0, `${item.label} has no documentation`);
        assert.ok(item.sortText, `${item.label} has no sortText`);
      }
      if (c.labels) assert.deepStrictEqual(done.labels, c.labels);
      if (c.first) assert.deepStrictEqual(done.labels.slice(0, c.first.length), c.first);
      for (const l of c.includes ?? [])
        assert.ok(done.labels.includes(l), `missing ${l} in: ${done.labels.join(', ')}`);
      for (const l of c.excludes ?? [])
        assert.ok(!done.labels.includes(l), `unexpected ${l} in: ${done.labels.join(', ')}`);
      if (c.deprecated)
        assert.deepStrictEqual(
          done.items.filter(i => i.deprecated).map(i => i.label),
          c.deprecated,
        );
      if (c.incomplete !== undefined) assert.strictEqual(done.result.isIncomplete, c.incomplete);
      if (c.accept) assert.strictEqual(accept(done, c.accept[0]), c.accept[1]);
    });
  }

  it('the table covers at least 40 cursor positions over at least 8 kinds', () => {
    const kinds = new Set<string>();
    for (const c of CASES) {
      const code = typeof c.code === 'string' ? c.code : c.code[0];
      const kind = /kind: (\w+)/.exec(code.split('$0')[0].split('---').pop() ?? '')?.[1];
      if (kind) kinds.add(kind);
    }
    assert.ok(CASES.length >= 40, `${CASES.length} cases`);
    assert.ok(kinds.size >= 8, [...kinds].join(', '));
  });

  it('enum values and keys carry their documentation from the schema', () => {
    const done = completeAt(`
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: r}
      spec:
        host: r
        trafficPolicy:
          tls:
            mode: $0`);
    const mutual = done.items.find(i => i.label === 'ISTIO_MUTUAL');
    assert.match(mutual?.documentation ?? '', /mutual TLS/i);
    const keys = completeAt(`
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: v}
      spec:
        http:
        - $0`);
    const timeout = keys.items.find(i => i.label === 'timeout');
    assert.strictEqual(timeout?.detail, 'duration');
    assert.match(
      timeout?.documentation ?? '',
      /Timeout for HTTP requests[\s\S]*istio\.io\/latest\/docs\/reference\/config\/networking\/virtual-service\/#HTTPRoute-timeout/,
    );
    assert.strictEqual(timeout?.retrigger, undefined);
    const mirrorPercent = keys.items.find(i => i.label === 'mirrorPercent');
    assert.strictEqual(mirrorPercent?.deprecated, true);
    assert.strictEqual(keys.labels[keys.labels.length - 1], 'mirror_percent', 'deprecated keys sort last');
  });

  it('a key whose value has choices re-opens the suggestions', () => {
    const done = completeAt(`
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: p}
      spec:
        mtls:
          $0`);
    const mode = done.items.find(i => i.label === 'mode');
    assert.deepStrictEqual(
      { text: mode?.edit.newText, retrigger: mode?.retrigger },
      { text: 'mode: ', retrigger: true },
    );
  });

  it('caps huge lists and says the list is incomplete', () => {
    const services = Array.from(
      { length: 450 },
      (_, i) => `---\napiVersion: v1\nkind: Service\nmetadata: {name: svc-${i}, namespace: other}`,
    ).join('\n');
    const done = completeAt([
      vs('    http:', '    - route:', '      - destination:', '          host: $0'),
      '#- services.yaml',
      services,
    ]);
    assert.strictEqual(done.result?.isIncomplete, true);
    assert.strictEqual(done.items.length, 200);
    const narrowed = completeAt([
      vs('    http:', '    - route:', '      - destination:', '          host: svc-44$0'),
      '#- services.yaml',
      services,
    ]);
    assert.deepStrictEqual(narrowed.labels, [
      'svc-44.other.svc.cluster.local',
      ...Array.from({ length: 10 }, (_, i) => `svc-44${i}.other.svc.cluster.local`),
    ]);
    assert.strictEqual(narrowed.result?.isIncomplete, false);
  });
});
