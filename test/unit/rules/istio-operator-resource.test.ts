import { ruleTester } from '../../harness/ruleTester';

const IOP = `
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        metadata: {name: control-plane, namespace: istio-system}
        spec:
          profile: default`;

ruleTester('istio-operator-resource', {
  valid: [
    {
      name: 'an IstioOperator in a file and directory of its own',
      code: `
        #- install/istio-operator.yaml${IOP}
        #- mesh/gateway.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw, namespace: istio-system}
        spec: {selector: {istio: ingressgateway}, servers: []}`,
    },
    {
      name: 'next to a kustomization that does not list it',
      code: `
        #- istio/kustomization.yaml
        resources:
        - peer-authentication.yaml
        #- istio/istio-operator.yaml${IOP}
        #- istio/peer-authentication.yaml
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: istio-system}
        spec: {mtls: {mode: STRICT}}`,
    },
    {
      name: 'several IstioOperator overlays together (istioctl install -f a.yaml -f b.yaml)',
      code: `
        #- install/base.yaml${IOP}
        #- install/prod.yaml
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        spec:
          meshConfig: {accessLogFile: /dev/stdout}`,
    },
    {
      name: "next to plain manifests in other files (Istio's samples apply them one by one)",
      code: `
        #- k8s/istio-operator.yaml
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        spec: {profile: demo}
        #- k8s/app.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: shop}
        spec: {ports: [{name: http, port: 80}]}`,
    },
  ],
  invalid: [
    {
      name: 'listed by a kustomization',
      code: `
        #- istio/kustomization.yaml
        resources:
        - istio-operator.yaml
        #- istio/istio-operator.yaml
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        #     ^^^^^^^^^^^^^ istio-operator-resource
        metadata: {name: control-plane, namespace: istio-system}
        spec:
          profile: minimal`,
      messages: [
        'This IstioOperator is listed by kustomization.yaml, so it is applied to the cluster, where nothing reads it: the in-cluster operator is gone since Istio 1.24 (and without its CRD the apply fails). Keep it out of the kustomization and install with istioctl install -f.',
      ],
    },
    {
      name: 'in a file with other manifests',
      code: `
        #- istio-system/install.yaml
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        #     ^^^^^^^^^^^^^ istio-operator-resource
        metadata: {name: control-plane, namespace: istio-system}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: istio-system}`,
      messages: [
        'This IstioOperator shares its file with other manifests (Namespace istio-system), so `kubectl apply -f` sends it to the cluster, where nothing reads it: the in-cluster operator is gone since Istio 1.24 (and without its CRD the apply fails). Keep it in a file of its own and install with istioctl install -f.',
      ],
    },
    {
      name: 'an item of a List with other items',
      code: `
        apiVersion: v1
        kind: List
        items:
        - apiVersion: install.istio.io/v1alpha1
          kind: IstioOperator
        #       ^^^^^^^^^^^^^ istio-operator-resource
          spec: {profile: minimal}
        - apiVersion: networking.istio.io/v1
          kind: Gateway
          metadata: {name: gw, namespace: istio-system}
          spec: {selector: {istio: ingressgateway}}`,
      messages: [/^This IstioOperator shares its file with other manifests \(Gateway gw\)/],
    },
  ],
});
