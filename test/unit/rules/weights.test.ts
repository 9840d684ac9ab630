import * as assert from 'assert';
import { evenSplit, normalise } from '../../../server/src/core/rules/weights';
import { ruleTester } from '../../harness/ruleTester';

describe('weight arithmetic', () => {
  it('normalises to exactly 100 with largest remainders', () => {
    assert.deepStrictEqual(normalise([1, 1, 1]), [34, 33, 33]);
    assert.deepStrictEqual(normalise([60, 60]), [50, 50]);
    assert.deepStrictEqual(normalise([90, 20, 0]), [82, 18, 0]);
  });
  it('splits evenly', () => {
    assert.deepStrictEqual(evenSplit(3), [34, 33, 33]);
    assert.deepStrictEqual(evenSplit(2), [50, 50]);
  });
});

ruleTester('weights', {
  valid: [
    {
      name: 'bookinfo canary 90/10 and a single destination without weight',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews}
        spec:
          hosts: [reviews]
          http:
          - match: [{headers: {end-user: {exact: jason}}}]
            route:
            - destination: {host: reviews, subset: v2}
          - route:
            - destination: {host: reviews, subset: v1}
              weight: 90
            - destination: {host: reviews, subset: v3}
              weight: 10`,
    },
    {
      name: 'relative weights (Istio 1.15+) and a 0-weight standby next to a live one',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route:
            - {destination: {host: reviews, subset: v1}, weight: 2}
            - {destination: {host: reviews, subset: v2}, weight: 1}
          tcp:
          - route:
            - {destination: {host: db, subset: a}, weight: 100}
            - {destination: {host: db, subset: b}, weight: 0}`,
    },
    {
      name: 'sums of 100 before 1.15; templated weights are not judged',
      settings: { targetVersion: '1.14' },
      code: `
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route:
            - {destination: {host: reviews, subset: v1}, weight: 75}
            - {destination: {host: reviews, subset: v2}, weight: 25}
          - route:
            - {destination: {host: reviews, subset: v1}, weight: "{{ .Values.w1 }}"}
            - {destination: {host: reviews, subset: v2}, weight: 3}`,
    },
  ],
  invalid: [
    {
      name: 'two destinations without weights total 0: split evenly',
      messages: [
        'Istio rejects this route: its 2 destinations have a total weight of 0 (a destination without weight counts as 0).',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route:
        #   ^^^^^ weights
            - destination: {host: reviews, subset: v1}
            - destination: {host: reviews, subset: v2}`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: r}
          spec:
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews, subset: v1}
                weight: 50
              - destination: {host: reviews, subset: v2}
                weight: 50`,
      },
    },
    {
      name: 'before 1.15, weights must add up to 100: normalised',
      messages: ['Istio 1.14 rejects this route: weights add up to 120, not 100 (relative weights need Istio 1.15+).'],
      settings: { targetVersion: '1.14' },
      code: `
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route:
        #   ^^^^^ weights
            - destination: {host: reviews, subset: v1}
              weight: 60
            - destination: {host: reviews, subset: v2}
              weight: 60`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1beta1
          kind: VirtualService
          metadata: {name: r}
          spec:
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews, subset: v1}
                weight: 50
              - destination: {host: reviews, subset: v2}
                weight: 50`,
      },
    },
    {
      name: 'weight 0 on the only destination is ignored; all-zero tcp route in a List',
      messages: [
        'weight: 0 on the only destination is ignored: a single destination receives all traffic.',
        'Istio rejects this route: its 2 destinations have a total weight of 0 (a destination without weight counts as 0).',
      ],
      code: `
        apiVersion: v1
        kind: List
        items:
        - apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: r}
          spec:
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews, subset: v1}
                weight: 0
        #               ^ weights
            tcp:
            - route: [{destination: {host: db, subset: a}, weight: 0}, {destination: {host: db, subset: b}, weight: 0}]
        #     ^^^^^ weights`,
      output: {
        'test.yaml': `
          apiVersion: v1
          kind: List
          items:
          - apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: r}
            spec:
              hosts: [reviews]
              http:
              - route:
                - destination: {host: reviews, subset: v1}
              tcp:
              - route: [{destination: {host: db, subset: a}, weight: 0}, {destination: {host: db, subset: b}, weight: 0}]`,
      },
    },
    {
      name: 'negative weight',
      messages: ['Istio rejects a negative weight.'],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route:
            - {destination: {host: reviews, subset: v1}, weight: -10}
        #                                                        ^^^ weights
            - {destination: {host: reviews, subset: v2}, weight: 110}`,
    },
  ],
});
