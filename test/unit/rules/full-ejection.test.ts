import { ruleTester } from '../../harness/ruleTester';

ruleTester('full-ejection', {
  valid: [
    {
      name: 'maxEjectionPercent below 100',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          trafficPolicy:
            outlierDetection: {consecutive5xxErrors: 5, maxEjectionPercent: 50}`,
    },
    {
      name: '100% with a panic threshold',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          trafficPolicy:
            outlierDetection:
              consecutive5xxErrors: 5
              maxEjectionPercent: 100
              minHealthPercent: 50`,
    },
    {
      name: 'no outlierDetection',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}`,
    },
  ],
  invalid: [
    {
      name: 'maxEjectionPercent 100 with minHealthPercent unset',
      messages: [
        'maxEjectionPercent: 100 with minHealthPercent unset (0) lets outlier detection eject every endpoint of trafficPolicy; then all requests fail with 503 (no healthy upstream). Lower maxEjectionPercent or set minHealthPercent.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          trafficPolicy:
            outlierDetection:
              consecutive5xxErrors: 1
              maxEjectionPercent: 100
        #                         ^^^ full-ejection`,
    },
    {
      name: 'explicit minHealthPercent 0 in a subset',
      messages: [
        'maxEjectionPercent: 100 with minHealthPercent 0 lets outlier detection eject every endpoint of subset "v2"; then all requests fail with 503 (no healthy upstream). Lower maxEjectionPercent or set minHealthPercent.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: reviews
          subsets:
          - name: v2
            labels: {version: v2}
            trafficPolicy:
              outlierDetection: {maxEjectionPercent: 100, minHealthPercent: 0}
        #                                            ^^^ full-ejection`,
    },
    {
      name: 'port level, List item',
      messages: [
        'maxEjectionPercent: 100 with minHealthPercent unset (0) lets outlier detection eject every endpoint of port 9080; then all requests fail with 503 (no healthy upstream). Lower maxEjectionPercent or set minHealthPercent.',
      ],
      code: `
        apiVersion: v1
        kind: List
        items:
        - apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: r}
          spec:
            host: reviews
            trafficPolicy:
              portLevelSettings:
              - port: {number: 9080}
                outlierDetection:
                  maxEjectionPercent: "100"
        #                             ^^^^^ full-ejection`,
    },
  ],
});
