import * as assert from 'assert';
import { definition } from '../../../server/src/core/features/definition';
import { describeLocations, featureFixture } from '../../harness/features';

function definitions(...parts: string[]): string[] {
  const f = featureFixture(parts);
  return describeLocations(f.fixture.files, definition(f.fc, f.file, f.offset));
}

describe('go to definition', () => {
  describe('route subset -> DestinationRule subset', () => {
    it('finds the subset in the DestinationRule of the VirtualService namespace', () => {
      assert.deepStrictEqual(
        definitions(`
        #- vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: shop}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination:
                host: reviews
                subset: v$02
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: shop}
        spec:
          host: reviews.shop.svc.cluster.local
          subsets:
          - name: v1
            labels: {version: v1}
          - name: v2
            labels: {version: v2}
      `),
        ['dr.yaml:9 v2'],
      );
    });

    it('follows Istio lookup: the client namespace rule shadows the service namespace rule', () => {
      assert.deepStrictEqual(
        definitions(`
        #- vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: client}
        spec:
          hosts: [reviews.shop.svc.cluster.local]
          http:
          - route:
            - destination: {host: reviews.shop.svc.cluster.local, subset: $0v1}
        #- client-dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: local, namespace: client}
        spec:
          host: reviews.shop.svc.cluster.local
          subsets: [{name: v1, labels: {version: v1}}]
        #- shop-dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: shop}
        spec:
          host: reviews
          subsets: [{name: v1, labels: {version: v1}}]
      `),
        ['client-dr.yaml:6 v1'],
      );
    });

    it('lists every rule when several DestinationRules for the host merge', () => {
      assert.deepStrictEqual(
        definitions(`
        #- vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: shop}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews, subset: "v1$0"}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: a, namespace: shop}
        spec: {host: reviews, subsets: [{name: v1}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: b, namespace: shop}
        spec: {host: reviews, subsets: [{name: v1}, {name: v2}]}
      `),
        ['vs.yaml:13 v1', 'vs.yaml:18 v1'],
      );
    });

    it('finds nothing for a subset no rule defines', () => {
      assert.deepStrictEqual(
        definitions(`
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: shop}
        spec:
          hosts: [reviews]
          http: [{route: [{destination: {host: reviews, subset: v$09}}]}]
      `),
        [],
      );
    });
  });

  describe('gateways entry -> Gateway', () => {
    const gateways = `
      #- gw.yaml
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata: {name: public, namespace: ingress}
      spec: {selector: {istio: ingressgateway}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]}
      ---
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata: {name: public, namespace: shop}
      spec: {selector: {istio: ingressgateway}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]}
    `;
    const cases: [string, string[]][] = [
      ['public', ['gw.yaml:8 public']],
      ['./public', ['gw.yaml:8 public']],
      ['ingress/public', ['gw.yaml:3 public']],
      ['public.ingress.svc.cluster.local', ['gw.yaml:3 public']],
      ['mesh', []],
      ['shop/private', []],
    ];
    for (const [entry, expected] of cases) {
      it(`${entry} from namespace shop`, () => {
        assert.deepStrictEqual(
          definitions(
            `
          #- vs.yaml
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: web, namespace: shop}
          spec:
            hosts: [shop.example.com]
            gateways: [$0${entry}]
            http: [{route: [{destination: {host: web}}]}]
        `,
            gateways,
          ),
          expected,
        );
      });
    }

    it('from a route match gateways entry', () => {
      assert.deepStrictEqual(
        definitions(
          `
        #- vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: shop}
        spec:
          hosts: [shop.example.com]
          gateways: [ingress/public]
          http:
          - match: [{gateways: [ingress/pub$0lic]}]
            route: [{destination: {host: web}}]
        `,
          gateways,
        ),
        ['gw.yaml:3 public'],
      );
    });
  });

  describe('host -> Service or ServiceEntry', () => {
    const services = `
      #- svc.yaml
      apiVersion: v1
      kind: Service
      metadata: {name: reviews, namespace: shop}
      spec: {ports: [{port: 9080, name: http}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: reviews, namespace: other}
      spec: {ports: [{port: 9080, name: http}]}
      #- se.yaml
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: external, namespace: egress}
      spec:
        hosts: [api.example.com, "*.payments.example.com"]
        location: MESH_EXTERNAL
        resolution: DNS
    `;

    it('a short destination host resolves in the VirtualService namespace', () => {
      assert.deepStrictEqual(
        definitions(
          `
        #- vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: shop}
        spec:
          hosts: [reviews]
          http: [{route: [{destination: {host: revi$0ews}}]}]
        `,
          services,
        ),
        ['svc.yaml:3 reviews'],
      );
    });

    it('a VirtualService hosts entry, cursor at the end of the word', () => {
      assert.deepStrictEqual(
        definitions(
          `
        #- vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: other}
        spec:
          hosts: [reviews$0]
          http: [{route: [{destination: {host: reviews}}]}]
        `,
          services,
        ),
        ['svc.yaml:8 reviews'],
      );
    });

    it('a DestinationRule host, exact and wildcard ServiceEntry hosts', () => {
      const dr = (host: string) =>
        definitions(
          `
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: ext, namespace: egress}
        spec:
          host: $0${host}
        `,
          services,
        );
      assert.deepStrictEqual(dr('api.example.com'), ['se.yaml:5 api.example.com']);
      assert.deepStrictEqual(dr('card.payments.example.com'), ['se.yaml:5 "*.payments.example.com"']);
      assert.deepStrictEqual(dr('reviews.shop.svc.cluster.local'), ['svc.yaml:3 reviews']);
      assert.deepStrictEqual(dr('unknown.example.org'), []);
    });
  });

  describe('selector label -> workloads', () => {
    const workloads = `
      #- deploy.yaml
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: reviews-v1, namespace: shop}
      spec: {template: {metadata: {labels: {app: reviews, version: v1}}}}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: reviews-v2, namespace: shop}
      spec: {template: {metadata: {labels: {app: reviews, version: v2}}}}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: reviews-v1, namespace: other}
      spec: {template: {metadata: {labels: {app: reviews, version: v1}}}}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: ingressgateway, namespace: istio-system}
      spec: {template: {metadata: {labels: {istio: ingressgateway}}}}
    `;

    it('a policy selector matches workloads of its own namespace', () => {
      assert.deepStrictEqual(
        definitions(
          `
        #- ap.yaml
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: allow, namespace: shop}
        spec:
          selector:
            matchLabels:
              version: v$01
              app: reviews
        `,
          workloads,
        ),
        ['deploy.yaml:3 reviews-v1'],
      );
    });

    it('a Gateway selector matches gateway pods in any namespace; a Service selector its namespace', () => {
      assert.deepStrictEqual(
        definitions(
          `
        #- gw.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: public, namespace: ingress}
        spec:
          selector:
            istio: ingress$0gateway
        `,
          workloads,
        ),
        ['deploy.yaml:18 ingressgateway'],
      );
      assert.deepStrictEqual(
        definitions(
          `
        #- svc.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: reviews, namespace: shop}
        spec:
          selector: {a$0pp: reviews}
        `,
          workloads,
        ),
        ['deploy.yaml:3 reviews-v1', 'deploy.yaml:8 reviews-v2'],
      );
    });

    it('resources in a List are navigable too', () => {
      assert.deepStrictEqual(
        definitions(
          `
        #- list.yaml
        apiVersion: v1
        kind: List
        items:
        - apiVersion: security.istio.io/v1
          kind: PeerAuthentication
          metadata: {name: strict, namespace: shop}
          spec:
            selector: {matchLabels: {version: v2$0}}
            mtls: {mode: STRICT}
        `,
          workloads,
        ),
        ['deploy.yaml:8 reviews-v2'],
      );
    });
  });
});
