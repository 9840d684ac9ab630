import { ruleTester } from '../../harness/ruleTester';

ruleTester('deprecated-field', {
  valid: [
    {
      name: 'current outlierDetection, LEAST_REQUEST and ringHash',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          trafficPolicy:
            loadBalancer:
              simple: LEAST_REQUEST
            outlierDetection:
              consecutive5xxErrors: 5
              interval: 10s`,
    },
    {
      name: 'mirrorPercentage, delay percentage and allowOrigins',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - mirror: {host: reviews, subset: v2}
            mirrorPercentage: {value: 10}
            fault:
              delay:
                fixedDelay: 5s
                percentage: {value: 10}
            corsPolicy:
              allowOrigins:
              - exact: https://example.com
            route:
            - destination: {host: reviews}`,
    },
    {
      name: 'egressProxy with ALLOW_ANY is accepted',
      code: `
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: default}
        spec:
          outboundTrafficPolicy:
            mode: ALLOW_ANY
            egressProxy:
              host: proxy.example.com
              port: {number: 3128}`,
    },
    {
      name: 'LEAST_CONN is not reported when the target release predates the replacement check',
      settings: { targetVersion: '1.12' },
      code: `
        apiVersion: networking.istio.io/v1beta1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          trafficPolicy: {loadBalancer: {simple: LEAST_CONN}}`,
    },
  ],
  invalid: [
    {
      name: 'consecutiveErrors is renamed to consecutive5xxErrors',
      messages: [
        "outlierDetection.consecutiveErrors is ignored by current Istio: Envoy's default (5 consecutive 5xx) applies instead of 7. Use consecutive5xxErrors (or consecutiveGatewayErrors for 502/503/504 only).",
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          trafficPolicy:
            outlierDetection:
              consecutiveErrors: 7
        #     ^^^^^^^^^^^^^^^^^ deprecated-field
              interval: 5s`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: r}
          spec:
            host: reviews
            trafficPolicy:
              outlierDetection:
                consecutive5xxErrors: 7
                interval: 5s`,
      },
    },
    {
      name: 'consecutiveErrors next to consecutive5xxErrors is removed (subset level)',
      messages: [
        "outlierDetection.consecutiveErrors is ignored by current Istio: Envoy's default (5 consecutive 5xx) applies instead of 3. Use consecutive5xxErrors (or consecutiveGatewayErrors for 502/503/504 only).",
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          subsets:
          - name: v1
            labels: {version: v1}
            trafficPolicy:
              outlierDetection:
                consecutive5xxErrors: 3
                consecutiveErrors: 3
        #       ^^^^^^^^^^^^^^^^^ deprecated-field
                baseEjectionTime: 30s`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: r}
          spec:
            host: reviews
            subsets:
            - name: v1
              labels: {version: v1}
              trafficPolicy:
                outlierDetection:
                  consecutive5xxErrors: 3
                  baseEjectionTime: 30s`,
      },
    },
    {
      name: 'LEAST_CONN value and minimumRingSize in a port-level policy',
      messages: [
        'LEAST_CONN is deprecated: use LEAST_REQUEST (same Envoy algorithm).',
        'consistentHash.minimumRingSize is deprecated: use consistentHash.ringHash.minimumRingSize.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          trafficPolicy:
            loadBalancer:
              simple: LEAST_CONN
        #             ^^^^^^^^^^ deprecated-field
            portLevelSettings:
            - port: {number: 9080}
              loadBalancer:
                consistentHash:
                  httpHeaderName: x-user
                  minimumRingSize: 2048
        #         ^^^^^^^^^^^^^^^ deprecated-field`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: r}
          spec:
            host: reviews
            trafficPolicy:
              loadBalancer:
                simple: LEAST_REQUEST
              portLevelSettings:
              - port: {number: 9080}
                loadBalancer:
                  consistentHash:
                    httpHeaderName: x-user
                    minimumRingSize: 2048`,
      },
    },
    {
      name: 'minimumRingSize moves under ringHash',
      messages: ['consistentHash.minimumRingSize is deprecated: use consistentHash.ringHash.minimumRingSize.'],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          trafficPolicy:
            loadBalancer:
              consistentHash:
                useSourceIp: true
                minimumRingSize: 1024
        #       ^^^^^^^^^^^^^^^ deprecated-field`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: r}
          spec:
            host: reviews
            trafficPolicy:
              loadBalancer:
                consistentHash:
                  useSourceIp: true
                  ringHash:
                    minimumRingSize: 1024`,
      },
    },
    {
      name: 'mirrorPercent becomes mirrorPercentage; multi-document file',
      messages: ['mirrorPercent is deprecated: use mirrorPercentage: {value: N}.'],
      code: `
        apiVersion: v1
        kind: Service
        metadata: {name: reviews}
        spec: {ports: [{name: http, port: 9080}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - mirror: {host: reviews, subset: v2}
            mirrorPercent: 25
        #   ^^^^^^^^^^^^^ deprecated-field
            route:
            - destination: {host: reviews}`,
      output: {
        'test.yaml': `
          apiVersion: v1
          kind: Service
          metadata: {name: reviews}
          spec: {ports: [{name: http, port: 9080}]}
          ---
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: r}
          spec:
            hosts: [reviews]
            http:
            - mirror: {host: reviews, subset: v2}
              mirrorPercentage:
                value: 25
              route:
              - destination: {host: reviews}`,
      },
    },
    {
      name: 'fault.delay.percent in a flow map, in a List item',
      messages: ['fault.delay.percent is deprecated: use fault.delay.percentage: {value: N}.'],
      code: `
        apiVersion: v1
        kind: List
        items:
        - apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: r}
          spec:
            hosts: [ratings]
            http:
            - fault: {delay: {fixedDelay: 7s, percent: 50}}
        #                                     ^^^^^^^ deprecated-field
              route:
              - destination: {host: ratings}`,
      output: {
        'test.yaml': `
          apiVersion: v1
          kind: List
          items:
          - apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: r}
            spec:
              hosts: [ratings]
              http:
              - fault: {delay: {fixedDelay: 7s, percentage: {value: 50}}}
                route:
                - destination: {host: ratings}`,
      },
    },
    {
      name: 'allowOrigin becomes allowOrigins, * becomes a regex',
      messages: [
        'corsPolicy.allowOrigin is deprecated (and ignored when allowOrigins is set): use allowOrigins with string matches.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [api]
          http:
          - corsPolicy:
              allowOrigin:
        #     ^^^^^^^^^^^ deprecated-field
              - https://example.com
              - "*"
            route:
            - destination: {host: api}`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: r}
          spec:
            hosts: [api]
            http:
            - corsPolicy:
                allowOrigins:
                - exact: https://example.com
                - regex: ".*"
              route:
              - destination: {host: api}`,
      },
    },
    {
      name: 'egressProxy without ALLOW_ANY',
      messages: [
        'egressProxy is only accepted with outboundTrafficPolicy mode ALLOW_ANY: Istio rejects this Sidecar (mode is REGISTRY_ONLY).',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: default}
        spec:
          outboundTrafficPolicy:
            mode: REGISTRY_ONLY
            egressProxy:
        #   ^^^^^^^^^^^ deprecated-field
              host: proxy.example.com
              port: {number: 3128}`,
      fix: 'Remove egressProxy',
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: Sidecar
          metadata: {name: default}
          spec:
            outboundTrafficPolicy:
              mode: REGISTRY_ONLY`,
      },
    },
  ],
});
