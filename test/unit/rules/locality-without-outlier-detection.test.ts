import { ruleTester } from '../../harness/ruleTester';

ruleTester('locality-without-outlier-detection', {
  valid: [
    {
      name: 'a template may add the outlierDetection (a file with {{ }}, in a chart or not)',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: api}
        spec:
          host: api
          trafficPolicy:
            loadBalancer:
              localityLbSetting:
                enabled: true
                failover: [{from: us-east1, to: us-west1}]
            {{- include "api.outlierDetection" . | nindent 4 }}`,
    },
    {
      name: 'failover with outlierDetection (Istio locality failover task)',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: helloworld}
        spec:
          host: helloworld.sample.svc.cluster.local
          trafficPolicy:
            connectionPool: {http: {maxRequestsPerConnection: 1}}
            loadBalancer:
              simple: ROUND_ROBIN
              localityLbSetting:
                enabled: true
                failover:
                - from: region1
                  to: region2
            outlierDetection:
              consecutive5xxErrors: 1
              interval: 1s
              baseEjectionTime: 1m`,
    },
    {
      name: 'weighted distribution only needs no outlier detection; disabled setting',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          trafficPolicy:
            loadBalancer:
              localityLbSetting:
                distribute:
                - from: region1/*
                  to: {"region1/*": 80, "region2/*": 20}
          subsets:
          - name: v1
            labels: {version: v1}
            trafficPolicy:
              loadBalancer:
                localityLbSetting: {enabled: false}`,
    },
    {
      name: 'a subset inherits the top-level outlierDetection',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          trafficPolicy:
            outlierDetection: {consecutive5xxErrors: 3}
          subsets:
          - name: v1
            labels: {version: v1}
            trafficPolicy:
              loadBalancer:
                localityLbSetting:
                  failoverPriority: [topology.kubernetes.io/region]`,
    },
  ],
  invalid: [
    {
      name: 'failover without outlierDetection gets one',
      messages: [
        'localityLbSetting in trafficPolicy has no outlierDetection: unhealthy endpoints are never ejected, so traffic never fails over to another locality.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          trafficPolicy:
            loadBalancer:
              localityLbSetting:
        #     ^^^^^^^^^^^^^^^^^ locality-without-outlier-detection
                enabled: true
                failover:
                - {from: us-east, to: us-west}`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: r}
          spec:
            host: reviews
            trafficPolicy:
              loadBalancer:
                localityLbSetting:
                  enabled: true
                  failover:
                  - {from: us-east, to: us-west}
              outlierDetection:
                consecutive5xxErrors: 5
                interval: 10s
                baseEjectionTime: 30s`,
      },
    },
    {
      name: 'a port-level entry does not inherit the top-level outlierDetection (flow style)',
      messages: [
        'localityLbSetting in port 9080 has no outlierDetection (port-level settings do not inherit the outlierDetection around them): unhealthy endpoints are never ejected, so traffic never fails over to another locality.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          trafficPolicy:
            outlierDetection: {consecutive5xxErrors: 3}
            portLevelSettings:
            - {port: {number: 9080}, loadBalancer: {localityLbSetting: {enabled: true}}}
        #                                           ^^^^^^^^^^^^^^^^^ locality-without-outlier-detection`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: r}
          spec:
            host: reviews
            trafficPolicy:
              outlierDetection: {consecutive5xxErrors: 3}
              portLevelSettings:
              - {port: {number: 9080}, loadBalancer: {localityLbSetting: {enabled: true}}, outlierDetection: {consecutive5xxErrors: 5, interval: 10s, baseEjectionTime: 30s}}`,
      },
    },
    {
      name: 'failoverPriority in a subset, multi-document file',
      messages: [
        'localityLbSetting in subset "v1" has no outlierDetection: unhealthy endpoints are never ejected, so traffic never fails over to another locality.',
      ],
      code: `
        apiVersion: v1
        kind: Service
        metadata: {name: reviews}
        spec: {ports: [{name: http, port: 9080}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          subsets:
          - name: v1
            labels: {version: v1}
            trafficPolicy:
              loadBalancer:
                localityLbSetting:
        #       ^^^^^^^^^^^^^^^^^ locality-without-outlier-detection
                  failoverPriority: [topology.kubernetes.io/region]`,
      output: {
        'test.yaml': `
          apiVersion: v1
          kind: Service
          metadata: {name: reviews}
          spec: {ports: [{name: http, port: 9080}]}
          ---
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: r}
          spec:
            host: reviews
            subsets:
            - name: v1
              labels: {version: v1}
              trafficPolicy:
                loadBalancer:
                  localityLbSetting:
                    failoverPriority: [topology.kubernetes.io/region]
                outlierDetection:
                  consecutive5xxErrors: 5
                  interval: 10s
                  baseEjectionTime: 30s`,
      },
    },
  ],
});
