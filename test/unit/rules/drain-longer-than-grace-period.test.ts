import { ruleTester } from '../../harness/ruleTester';

ruleTester('drain-longer-than-grace-period', {
  valid: [
    {
      name: 'a drain shorter than the default grace period',
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviews}
        spec:
          template:
            metadata:
              annotations:
                proxy.istio.io/config: |
                  terminationDrainDuration: 20s
            spec:
              containers: [{name: reviews}]`,
    },
    {
      name: 'a long drain with a longer grace period',
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviews}
        spec:
          template:
            metadata:
              annotations:
                proxy.istio.io/config: '{"terminationDrainDuration": "60s"}'
            spec:
              terminationGracePeriodSeconds: 75
              containers: [{name: reviews}]`,
    },
    {
      name: "Istio's default drain (5s) against a short grace period; pods without a sidecar",
      code: `
        #- mesh.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: istio, namespace: istio-system}
        data:
          mesh: |
            accessLogFile: /dev/stdout
        #- app.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: fast}
        spec:
          template:
            spec:
              terminationGracePeriodSeconds: 10
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: job
          labels: {sidecar.istio.io/inject: "false"}
          annotations:
            proxy.istio.io/config: "terminationDrainDuration: 90s"
        spec:
          containers: [{name: job}]`,
    },
  ],
  invalid: [
    {
      name: "a pod's drain against Kubernetes' default grace period: the fix adds one",
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviews}
        spec:
          template:
            metadata:
              annotations:
                proxy.istio.io/config: |
                  holdApplicationUntilProxyStarts: true
                  terminationDrainDuration: 45s
        #                                   ^^^ drain-longer-than-grace-period
            spec:
              containers:
              - name: reviews`,
      messages: [
        "terminationDrainDuration 45s is not shorter than the pod's terminationGracePeriodSeconds (30s, Kubernetes' default): Kubernetes kills the pod before the sidecar has drained, cutting open connections on every rollout. Give the pod a longer grace period, or drain for less.",
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
                    holdApplicationUntilProxyStarts: true
                    terminationDrainDuration: 45s
              spec:
                containers:
                - name: reviews
                terminationGracePeriodSeconds: 50`,
      },
    },
    {
      name: 'the equal case, in a quoted JSON annotation: the fix raises the grace period',
      code: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            proxy.istio.io/config: '{"terminationDrainDuration": "20s"}'
        #                                                        ^^^^^ drain-longer-than-grace-period
        spec:
          terminationGracePeriodSeconds: 20
          containers: [{name: app}]`,
      messages: [/^terminationDrainDuration 20s is not shorter than the pod's terminationGracePeriodSeconds \(20s\)/],
      output: {
        'test.yaml': `
          apiVersion: v1
          kind: Pod
          metadata:
            name: p
            annotations:
              proxy.istio.io/config: '{"terminationDrainDuration": "20s"}'
          spec:
            terminationGracePeriodSeconds: 25
            containers: [{name: app}]`,
      },
    },
    {
      name: "the mesh default against a pod's grace period, and against Kubernetes' default",
      code: `
        #- istio-operator.yaml
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        metadata: {name: mesh, namespace: istio-system}
        spec:
          meshConfig:
            defaultConfig:
              terminationDrainDuration: 40s
        #                               ^^^ drain-longer-than-grace-period
        #- app.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          template:
            spec:
              terminationGracePeriodSeconds: 35
        #                                    ^^ drain-longer-than-grace-period
              containers: [{name: api}]`,
      messages: [
        "The mesh's default terminationDrainDuration 40s (IstioOperator istio-system/mesh) is not shorter than this pod's terminationGracePeriodSeconds (35s): Kubernetes kills the pod before the sidecar has drained. Raise the grace period, or set a shorter terminationDrainDuration in the pod's proxy.istio.io/config.",
        "defaultConfig.terminationDrainDuration 40s is not shorter than Kubernetes' default terminationGracePeriodSeconds (30s): pods that keep the default are killed before their sidecar has drained. Drain for less than 30s, or give the pods longer grace periods.",
      ],
    },
  ],
});
