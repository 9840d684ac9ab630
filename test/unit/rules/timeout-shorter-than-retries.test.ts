import * as assert from 'assert';
import { ruleTester } from '../../harness/ruleTester';
import { budget } from '../../../server/src/core/rules/timeout-shorter-than-retries';
import { formatDuration, parseDuration } from '../../../server/src/core/rules/support/duration';

describe('durations', () => {
  it('parses Istio (Go) durations', () => {
    assert.strictEqual(parseDuration('1h2m3.5s'), 3_723_500);
    assert.strictEqual(parseDuration('100ms'), 100);
    assert.strictEqual(parseDuration('1.5s'), 1500);
    assert.strictEqual(parseDuration('.5s'), 500);
    assert.strictEqual(parseDuration('0'), 0);
    assert.strictEqual(parseDuration('250us'), 0.25);
    for (const bad of ['', '10', 's', '1x', '-1s', '1s2', '1 s'])
      assert.strictEqual(parseDuration(bad), undefined, bad);
  });
  it('formats durations naturally', () => {
    assert.deepStrictEqual([90_000, 120_000, 1500, 250, 7_200_000, 3000].map(formatDuration), [
      '90s',
      '2m',
      '1.5s',
      '250ms',
      '2h',
      '3s',
    ]);
  });
  it('budgets the first try, the retries and the back-off', () => {
    assert.strictEqual(budget(3, 2000), 9000);
    assert.strictEqual(budget(1, 100), 500);
  });
});

ruleTester('timeout-shorter-than-retries', {
  valid: [
    {
      name: 'timeout exactly (attempts + 1) × perTryTimeout; attempts 0 disables retries',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route: [{destination: {host: reviews}}]
            timeout: 12s
            retries: {attempts: 3, perTryTimeout: 3s}
          - route: [{destination: {host: reviews}}]
            timeout: 1s
            retries: {attempts: 0}`,
    },
    {
      name: 'timeout covers (attempts + 1) × perTryTimeout',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route: [{destination: {host: reviews}}]
            timeout: 10s
            retries: {attempts: 3, perTryTimeout: 2s}`,
    },
    {
      name: 'no timeout (Istio disables the route timeout by default) or no perTryTimeout',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route: [{destination: {host: reviews}}]
            retries: {attempts: 3, perTryTimeout: 2s}
          - route: [{destination: {host: reviews}}]
            timeout: 1s
            retries: {attempts: 3}`,
    },
    {
      name: 'templated timeout cannot be judged',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route: [{destination: {host: reviews}}]
            timeout: "{{ .Values.timeout }}"
            retries: {attempts: 3, perTryTimeout: 2s}`,
    },
  ],
  invalid: [
    {
      name: 'timeout shorter than the retries',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews}
            timeout: 5s
        #            ^^ timeout-shorter-than-retries
            retries:
              attempts: 3
              perTryTimeout: 2s`,
      messages: [
        'timeout 5s is shorter than 4 tries (the first try and 3 retries) × perTryTimeout 2s = 8s: only 2 whole tries fit, so the route times out before the retries are used up.',
      ],
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: r}
          spec:
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              timeout: 9s
              retries:
                attempts: 3
                perTryTimeout: 2s`,
      },
    },
    {
      name: 'perTryTimeout longer than the timeout, quoted value keeps its quotes',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route: [{destination: {host: reviews}}]
            timeout: "1s"
        #            ^^^^ timeout-shorter-than-retries
            retries: {attempts: 1, perTryTimeout: 1500ms}`,
      messages: [
        'perTryTimeout 1500ms is not shorter than the route timeout 1s: a slow first try hits the route timeout and is never retried.',
      ],
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: r}
          spec:
            hosts: [reviews]
            http:
            - route: [{destination: {host: reviews}}]
              timeout: "4s"
              retries: {attempts: 1, perTryTimeout: 1500ms}`,
      },
    },
    {
      name: 'mixed units in a multi-document file',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec: {host: reviews}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route: [{destination: {host: reviews}}]
            timeout: 1m
        #            ^^ timeout-shorter-than-retries
            retries: {attempts: 5, perTryTimeout: 30s}`,
      messages: [
        'timeout 1m is shorter than 6 tries (the first try and 5 retries) × perTryTimeout 30s = 3m: only 2 whole tries fit, so the route times out before the retries are used up.',
      ],
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: r}
          spec: {host: reviews}
          ---
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: r}
          spec:
            hosts: [reviews]
            http:
            - route: [{destination: {host: reviews}}]
              timeout: 182s
              retries: {attempts: 5, perTryTimeout: 30s}`,
      },
    },
    {
      name: 'covers the retries but not the first try: 10s with 3 × 3s cuts the last retry',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route: [{destination: {host: reviews}}]
            timeout: 10s
        #            ^^^ timeout-shorter-than-retries
            retries: {attempts: 3, perTryTimeout: 3s}`,
      messages: [
        'timeout 10s is shorter than 4 tries (the first try and 3 retries) × perTryTimeout 3s = 12s: only 3 whole tries fit, so the route times out before the retries are used up.',
      ],
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: r}
          spec:
            hosts: [reviews]
            http:
            - route: [{destination: {host: reviews}}]
              timeout: 13s
              retries: {attempts: 3, perTryTimeout: 3s}`,
      },
    },
  ],
});
