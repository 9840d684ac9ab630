import { ruleTester } from '../../harness/ruleTester';

ruleTester('port-level-policy-not-inherited', {
  valid: [
    {
      name: 'a template may add the components the port entry seems to lack (a file with {{ }}, in a chart or not)',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: api}
        spec:
          host: api
          trafficPolicy:
            loadBalancer: {simple: LEAST_REQUEST}
            portLevelSettings:
            - port: {number: 8080}
              connectionPool: {tcp: {maxConnections: 10}}
              {{- include "api.portPolicy" . | nindent 6 }}`,
    },
    {
      name: 'port entry repeats what the top level sets',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          trafficPolicy:
            loadBalancer: {simple: ROUND_ROBIN}
            portLevelSettings:
            - port: {number: 9080}
              loadBalancer: {simple: LEAST_REQUEST}`,
    },
    {
      name: 'only port-level settings, nothing around them',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          trafficPolicy:
            portLevelSettings:
            - port: {number: 80}
              loadBalancer: {simple: LEAST_REQUEST}
            - port: {number: 443}
              tls: {mode: SIMPLE}`,
    },
    {
      name: 'subsets inherit the components they omit (no finding for subsets)',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          trafficPolicy:
            tls: {mode: ISTIO_MUTUAL}
            connectionPool: {tcp: {maxConnections: 100}}
          subsets:
          - name: v1
            labels: {version: v1}
            trafficPolicy:
              loadBalancer: {simple: RANDOM}`,
    },
  ],
  invalid: [
    {
      name: 'tls origination is lost on the port that only tunes connections',
      messages: [
        'Port-level settings replace the whole policy for port 443: tls from trafficPolicy does not apply there (omitted components revert to defaults, they are not inherited).',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: api}
        spec:
          host: api.example.com
          trafficPolicy:
            tls:
              mode: SIMPLE
            portLevelSettings:
            - port:
        #     ^^^^ port-level-policy-not-inherited
                number: 443
              connectionPool:
                http: {idleTimeout: 30s}`,
      fix: 'Copy',
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: api}
          spec:
            host: api.example.com
            trafficPolicy:
              tls:
                mode: SIMPLE
              portLevelSettings:
              - port:
                  number: 443
                connectionPool:
                  http: {idleTimeout: 30s}
                tls:
                  mode: SIMPLE`,
      },
    },
    {
      name: 'two components lost at once, flow entry',
      messages: [
        'Port-level settings replace the whole policy for port 9080: loadBalancer, outlierDetection from trafficPolicy do not apply there (omitted components revert to defaults, they are not inherited).',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          trafficPolicy:
            outlierDetection: {consecutive5xxErrors: 3}
            loadBalancer: {simple: RANDOM}
            portLevelSettings:
            - {port: {number: 9080}, connectionPool: {tcp: {maxConnections: 5}}}
        #      ^^^^ port-level-policy-not-inherited`,
      fix: 'Copy',
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: r}
          spec:
            host: reviews
            trafficPolicy:
              outlierDetection: {consecutive5xxErrors: 3}
              loadBalancer: {simple: RANDOM}
              portLevelSettings:
              - {port: {number: 9080}, connectionPool: {tcp: {maxConnections: 5}}, loadBalancer: {simple: RANDOM}, outlierDetection: {consecutive5xxErrors: 3}}`,
      },
    },
    {
      name: 'subset port entry loses what the subset inherits from the top level; multi-document',
      messages: [
        'Port-level settings replace the whole policy for port 9080: connectionPool from subset "v2" does not apply there (omitted components revert to defaults, they are not inherited).',
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
          trafficPolicy:
            connectionPool: {http: {http2MaxRequests: 100}}
          subsets:
          - name: v2
            labels: {version: v2}
            trafficPolicy:
              portLevelSettings:
              - port: {number: 9080}
        #       ^^^^ port-level-policy-not-inherited
                loadBalancer: {simple: LEAST_REQUEST}`,
      fix: 'Copy',
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
            trafficPolicy:
              connectionPool: {http: {http2MaxRequests: 100}}
            subsets:
            - name: v2
              labels: {version: v2}
              trafficPolicy:
                portLevelSettings:
                - port: {number: 9080}
                  loadBalancer: {simple: LEAST_REQUEST}
                  connectionPool: {http: {http2MaxRequests: 100}}`,
      },
    },
  ],
});
