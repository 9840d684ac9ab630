import { ruleTester } from '../../harness/ruleTester';

ruleTester('invalid-annotation', {
  valid: [
    {
      name: 'well-formed values (samples style)',
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviews}
        spec:
          template:
            metadata:
              labels: {sidecar.istio.io/inject: "true"}
              annotations:
                sidecar.istio.io/proxyCPU: 100m
                sidecar.istio.io/proxyMemory: 128Mi
                sidecar.istio.io/proxyCPULimit: "2"
                traffic.sidecar.istio.io/excludeOutboundIPRanges: 10.0.0.0/8,fd00::/8
                traffic.sidecar.istio.io/includeInboundPorts: "*"
                traffic.sidecar.istio.io/excludeInboundPorts: 9090, 9091
                status.sidecar.istio.io/port: "15020"
                sidecar.istio.io/interceptionMode: TPROXY
                sidecar.istio.io/userVolumeMount: '[{"name": "certs", "mountPath": "/etc/certs"}]'
                prometheus.istio.io/merge-metrics: "false"`,
    },
    {
      name: 'templated and empty values are not judged',
      code: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            traffic.sidecar.istio.io/excludeOutboundPorts: ""
            sidecar.istio.io/proxyCPU:`,
    },
    {
      name: 'names of other owners keep any value',
      code: `
        apiVersion: v1
        kind: Service
        metadata:
          name: s
          annotations: {example.com/ports: "a,b", service.beta.kubernetes.io/aws-load-balancer-internal: "true"}`,
    },
  ],
  invalid: [
    {
      name: 'a YAML boolean where Kubernetes wants a string',
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviews}
        spec:
          template:
            metadata:
              labels:
                sidecar.istio.io/inject: false
        #                                ^^^^^ invalid-annotation`,
      messages: [
        'Kubernetes label values are strings, and false is a YAML boolean: the API server rejects this object. Quote it.',
      ],
      output: {
        'test.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: reviews}
          spec:
            template:
              metadata:
                labels:
                  sidecar.istio.io/inject: "false"`,
      },
    },
    {
      name: 'a CIDR list with a space after the comma is refused by the injector',
      code: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            traffic.sidecar.istio.io/excludeOutboundIPRanges: "10.0.0.0/8, 172.16.0.0/12"
        #                                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^ invalid-annotation`,
      messages: [
        "Invalid value for 'traffic.sidecar.istio.io/excludeOutboundIPRanges': ' 172.16.0.0/12' is not a CIDR range (like 10.0.0.0/8). The sidecar injector refuses pods with it; write a comma-separated list of CIDR ranges without spaces.",
      ],
    },
    {
      name: 'quantities and ports',
      code: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            sidecar.istio.io/proxyMemory: 128MB
        #                                 ^^^^^ invalid-annotation
            traffic.sidecar.istio.io/excludeInboundPorts: "8080,http"
        #                                                 ^^^^^^^^^^^ invalid-annotation`,
      messages: [
        "Invalid value for 'sidecar.istio.io/proxyMemory': '128MB' is not a Kubernetes quantity. The sidecar injector refuses pods with it; write a Kubernetes quantity (like 100m, 0.5, 128Mi, 1Gi).",
        "Invalid value for 'traffic.sidecar.istio.io/excludeInboundPorts': 'http' is not a port number. The sidecar injector refuses pods with it; write a comma-separated list of port numbers.",
      ],
    },
    {
      name: 'the injection label only accepts true and false',
      code: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          labels:
            sidecar.istio.io/inject: "True"
        #                            ^^^^^^ invalid-annotation`,
      messages: [
        "Invalid value for 'sidecar.istio.io/inject': 'True' is not one of true, false. Istio ignores it; write one of true, false.",
      ],
      output: {
        'test.yaml': `
          apiVersion: v1
          kind: Pod
          metadata:
            name: p
            labels:
              sidecar.istio.io/inject: "true"`,
      },
    },
  ],
});
