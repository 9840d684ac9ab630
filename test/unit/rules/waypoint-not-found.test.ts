import { ruleTester } from '../../harness/ruleTester';

function waypoint(name: string, ns: string, labels = '', allowed = ''): string {
  return `
        #- ${ns}/waypoint-${name}.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: ${name}
          namespace: ${ns}${labels ? `\n          labels: ${labels}` : ''}
        spec:
          gatewayClassName: istio-waypoint
          listeners: [{name: mesh, port: 15008, protocol: HBONE${allowed ? `, allowedRoutes: ${allowed}` : ''}}]`;
}

ruleTester('waypoint-not-found', {
  valid: [
    {
      name: 'a waypoint used by its namespace',
      code: `${waypoint('waypoint', 'shop')}
        #- namespaces.yaml
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels: {istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypoint}`,
    },
    {
      name: 'a waypoint used by a Service, another namespace admitted by the HBONE listener',
      code: `${waypoint('shared', 'infra', '', '{namespaces: {from: All}}')}
        #- shop/svc.yaml
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: shop
          labels: {istio.io/use-waypoint: shared, istio.io/use-waypoint-namespace: infra}
        spec: {ports: [{port: 80}]}`,
    },
    {
      name: 'a workload waypoint for a workload; none opts out',
      code: `${waypoint('pods', 'shop', '{istio.io/waypoint-for: workload}')}
        #- shop/deploy.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            metadata:
              labels: {app: web, istio.io/use-waypoint: pods}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: legacy, namespace: shop, labels: {istio.io/use-waypoint: none}}
        spec: {ports: [{port: 80}]}`,
    },
    {
      name: 'waypoints kept out of Git (istioctl waypoint apply): nothing known of the namespace',
      code: `
        #- namespaces.yaml
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels: {istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypoint}`,
    },
    {
      name: 'a GatewayClass that sets waypoint-for: all',
      code: `${waypoint('any', 'shop').replace('istio-waypoint', 'custom-waypoint')}
        #- classes.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: custom-waypoint, labels: {istio.io/waypoint-for: all}}
        spec: {controllerName: istio.io/mesh-controller}
        #- shop/pod.yaml
        apiVersion: v1
        kind: Pod
        metadata: {name: job, namespace: shop, labels: {istio.io/use-waypoint: any}}
        spec: {containers: [{name: job, image: busybox}]}`,
    },
  ],
  invalid: [
    {
      name: 'a Namespace names a waypoint that does not exist (typo)',
      code: `${waypoint('waypoint', 'shop')}
        #- namespaces.yaml
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels: {istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypiont}
        #                                                                   ^^^^^^^^ waypoint-not-found`,
      messages: [
        'istio.io/use-waypoint names waypoint shop/waypiont, but no Gateway shop/waypiont exists (without istio.io/use-waypoint-namespace the waypoint is looked up in namespace shop): namespace shop gets no waypoint, so the L7 policies and routes meant for it do not apply. Did you mean waypoint?',
      ],
      output: {
        'namespaces.yaml': `
          apiVersion: v1
          kind: Namespace
          metadata:
            name: shop
            labels: {istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypoint}`,
      },
    },
    {
      name: 'a Service names a waypoint of another namespace without use-waypoint-namespace',
      code: `${waypoint('shared', 'infra', '', '{namespaces: {from: All}}')}
        #- shop/svc.yaml
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: shop
          labels: {istio.io/use-waypoint: shared}
        #                                 ^^^^^^ waypoint-not-found
        spec: {ports: [{port: 80}]}`,
      messages: [
        'istio.io/use-waypoint names waypoint shop/shared, but no Gateway shop/shared exists (without istio.io/use-waypoint-namespace the waypoint is looked up in namespace shop): Service shop/web gets no waypoint, so the L7 policies and routes meant for it do not apply. A Gateway named shared exists in namespace infra: name its namespace with the istio.io/use-waypoint-namespace label.',
      ],
    },
    {
      name: 'a Service uses a workload-only waypoint; a workload uses the default (service) one',
      code: `${waypoint('pods', 'shop', '{istio.io/waypoint-for: workload}')}${waypoint('waypoint', 'shop')}
        #- shop/app.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop, labels: {istio.io/use-waypoint: pods}}
        #                                                                      ^^^^ waypoint-not-found
        spec: {ports: [{port: 80}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            metadata:
              labels: {app: web, istio.io/use-waypoint: waypoint}
        #                                               ^^^^^^^^ waypoint-not-found`,
      messages: [
        'Waypoint shop/pods takes workload traffic (istio.io/waypoint-for: workload on the Gateway), not service traffic: Istio does not send Service shop/web through it, so the L7 policies and routes meant for it do not apply.',
        'Waypoint shop/waypoint takes service traffic (the default when neither the Gateway nor its GatewayClass sets istio.io/waypoint-for), not workload traffic: Istio does not send Deployment shop/web through it, so the L7 policies and routes meant for it do not apply.',
      ],
    },
    {
      name: 'a waypoint in another namespace whose HBONE listener admits only its own namespace',
      code: `${waypoint('shared', 'infra')}
        #- namespaces.yaml
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels: {istio.io/use-waypoint: shared, istio.io/use-waypoint-namespace: infra}
        #                                 ^^^^^^ waypoint-not-found`,
      messages: [
        'Waypoint infra/shared does not admit namespace shop: its HBONE listener admits its own namespace infra only (allowedRoutes.namespaces.from: Same), so Istio does not attach namespace shop to it.',
      ],
    },
  ],
});
