import { ruleTester } from '../../harness/ruleTester';

const GATEWAY = `
        #- infra/gateway.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: public, namespace: infra}
        spec:
          gatewayClassName: istio
          listeners:
          - {name: shop, hostname: shop.example.com, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
          - {name: apps, hostname: "*.apps.example.com", port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
          - {name: any, port: 8080, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
          - {name: tls, hostname: db.example.com, port: 443, protocol: TLS, tls: {mode: Passthrough}, allowedRoutes: {namespaces: {from: All}}}`;

function route(kind: string, hostnames: string, parent: string): string {
  return `
        #- shop/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: ${kind}
        metadata: {name: web, namespace: shop}
        spec:
          hostnames: ${hostnames}
          parentRefs: [${parent}]`;
}

ruleTester('route-hostname-mismatch', {
  valid: [
    {
      name: 'an exact hostname, and one listener of several matching',
      code: `${GATEWAY}${route('HTTPRoute', '[shop.example.com, other.example.org]', '{name: public, namespace: infra}')}`,
    },
    {
      name: 'a wildcard listener takes deeper names; a wildcard route takes a listener it covers',
      code: `${GATEWAY}${route('HTTPRoute', '[a.b.apps.example.com]', '{name: public, namespace: infra, sectionName: apps}')}
        ${route('HTTPRoute', '["*.example.com"]', '{name: public, namespace: infra, sectionName: shop}').replace('shop/route.yaml', 'shop/route2.yaml')}`,
    },
    {
      name: 'a route without hostnames, or a listener without one, matches everything',
      code: `${GATEWAY}
        #- shop/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: shop}
        spec:
          parentRefs: [{name: public, namespace: infra, sectionName: shop}]
        ${route('GRPCRoute', '[grpc.example.org]', '{name: public, namespace: infra, port: 8080}').replace('shop/route.yaml', 'shop/grpc.yaml')}`,
    },
  ],
  invalid: [
    {
      name: 'a hostname no HTTP listener has: change it to the listener hostname',
      code: `${GATEWAY}${route('HTTPRoute', '[shop.example.org]', '{name: public, namespace: infra, sectionName: shop}')}
        #                     ^^^^^^ route-hostname-mismatch`,
      messages: [
        'No hostname of this route (shop.example.org) matches the listeners of Gateway infra/public (listener shop) that would admit it (shop: shop.example.com): the route is not attached to it.',
      ],
      output: {
        'shop/route.yaml': `
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {name: web, namespace: shop}
          spec:
            hostnames: [shop.example.com]
            parentRefs: [{name: public, namespace: infra, sectionName: shop}]`,
      },
    },
    {
      name: 'a wildcard listener does not take its own parent domain',
      code: `${GATEWAY}${route('HTTPRoute', '[apps.example.com]', '{name: public, namespace: infra, port: 80}')}
        #                     ^^^^^^ route-hostname-mismatch`,
      messages: [
        'No hostname of this route (apps.example.com) matches the listeners of Gateway infra/public that would admit it (shop: shop.example.com, apps: *.apps.example.com): the route is not attached to it.',
      ],
    },
    {
      name: 'a TLSRoute whose SNI names no TLS listener hostname',
      code: `${GATEWAY}${route('TLSRoute', '[cache.example.com]', '{name: public, namespace: infra}')}
        #                     ^^^^^^ route-hostname-mismatch`,
      messages: [
        'No hostname of this route (cache.example.com) matches the listeners of Gateway infra/public that would admit it (tls: db.example.com): the route is not attached to it.',
      ],
    },
  ],
});
