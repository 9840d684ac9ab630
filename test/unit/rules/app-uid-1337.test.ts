import { ruleTester } from '../../harness/ruleTester';

ruleTester('app-uid-1337', {
  valid: [
    {
      name: 'an application user other than 1337',
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviews}
        spec:
          template:
            metadata: {labels: {app: reviews}}
            spec:
              securityContext: {runAsUser: 1000}
              containers:
              - name: reviews
                image: reviews:v1`,
    },
    {
      name: 'the proxy container itself runs as 1337',
      code: `
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: app
            image: app
          - name: istio-proxy
            image: proxyv2
            securityContext: {runAsUser: 1337}`,
    },
    {
      name: "Istio's control plane and pods without a sidecar are not judged",
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: istio-ingressgateway
          labels: {istio: ingressgateway}
        spec:
          template:
            spec:
              securityContext: {runAsUser: 1337}
              containers: [{name: istio-proxy, image: proxyv2}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: batch}
        spec:
          template:
            metadata:
              labels: {sidecar.istio.io/inject: "false"}
            spec:
              securityContext: {runAsUser: 1337}
              containers: [{name: batch, image: batch}]`,
    },
    {
      name: 'a pod-level 1337 that every application container overrides',
      code: `
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext: {runAsUser: 1337}
          containers:
          - name: app
            securityContext: {runAsUser: 1001}`,
    },
  ],
  invalid: [
    {
      name: 'an application container runs as 1337',
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviews}
        spec:
          template:
            spec:
              containers:
              - name: reviews
                securityContext:
                  runAsUser: 1337
        #                    ^^^^ app-uid-1337`,
      messages: [
        "Container 'reviews' runs as UID 1337, which is reserved for the sidecar proxy: the traffic capture exempts that user, so everything this container sends bypasses the sidecar (no mTLS, routing or policy). Run it as another user.",
      ],
    },
    {
      name: 'the pod runs as 1337 and its container inherits it',
      code: `
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          template:
            spec:
              securityContext: {runAsUser: 1337, fsGroup: 1337}
        #                                  ^^^^ app-uid-1337
              containers:
              - name: db
              - name: istio-proxy`,
      messages: [
        "The pod runs as UID 1337, which is reserved for the sidecar proxy: the traffic capture exempts that user, so everything its container 'db' sends bypasses the sidecar (no mTLS, routing or policy). Run the application as another user.",
      ],
    },
    {
      name: 'a CronJob pod template, quoted UID',
      code: `
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                  - name: report
                    securityContext: {runAsUser: "1337"}
        #                                        ^^^^^^ app-uid-1337`,
      messages: [/^Container 'report' runs as UID 1337/],
    },
  ],
});
