import * as assert from 'assert';
import { analyzeFixture } from '../../harness/analyze';
import { parseFixture } from '../../harness/fixture';
import { providedKeys } from '../../../server/src/core/index/keys';

const WORKSPACE = `
  #- a.yaml
  apiVersion: v1
  kind: Service
  metadata: {name: Reviews, namespace: bookinfo}
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: reviews, namespace: staging}
  ---
  apiVersion: networking.istio.io/v1
  kind: DestinationRule
  metadata: {name: r1, namespace: bookinfo}
  spec: {host: reviews}
  ---
  apiVersion: networking.istio.io/v1
  kind: DestinationRule
  metadata: {name: all, namespace: bookinfo}
  spec: {host: "*.bookinfo.svc.cluster.local"}
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: front}
  spec: {template: {metadata: {labels: {app: web}}}}
  #- chart/templates/deploy.yaml
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: "{{ .Release.Name }}", namespace: tools}
  spec: {template: {metadata: {labels: {app: tools}}}}`;

describe('index queries of the cross-file rules', () => {
  const analyzer = analyzeFixture(parseFixture(WORKSPACE));

  it('servicesNamed finds Services by name in every namespace and records its key', () => {
    const keys: string[] = [];
    const lookup = analyzer.index.lookup(k => keys.push(k));
    assert.deepStrictEqual(
      lookup.servicesNamed('reviews').map(s => s.namespace),
      ['bookinfo', 'staging'],
    );
    assert.deepStrictEqual(keys, ['svcname:reviews']);
    const service = [...analyzer.index.allResources()].find(r => r.kind === 'Service' && r.namespace === 'bookinfo')!;
    assert.ok(providedKeys(service).includes('svcname:reviews'), 'a Service provides the key its lookup records');
  });

  it('destinationRulesExact does not fall back to wildcards', () => {
    const lookup = analyzer.index.lookup();
    assert.deepStrictEqual(
      lookup.destinationRulesExact('bookinfo', 'reviews.bookinfo.svc.cluster.local').map(r => r.name),
      ['r1'],
    );
    assert.deepStrictEqual(lookup.destinationRulesExact('bookinfo', 'ratings.bookinfo.svc.cluster.local'), []);
    assert.deepStrictEqual(
      lookup.destinationRulesExact('bookinfo', '*.bookinfo.svc.cluster.local').map(r => r.name),
      ['all'],
    );
  });

  it('hasIncompleteWorkloads is per namespace, or anywhere', () => {
    const lookup = analyzer.index.lookup();
    assert.strictEqual(lookup.hasIncompleteWorkloads('tools'), true);
    assert.strictEqual(lookup.hasIncompleteWorkloads('front'), false);
    assert.strictEqual(lookup.hasIncompleteWorkloads(), true);
  });

  it('workloadsWithLabel finds workloads of every namespace by one pod label, tracked by that label', () => {
    const keys: string[] = [];
    const lookup = analyzer.index.lookup(k => keys.push(k));
    assert.deepStrictEqual(
      lookup.workloadsWithLabel('app', 'web').map(w => w.name),
      ['web'],
    );
    assert.deepStrictEqual(lookup.workloadsWithLabel('app', 'nope'), []);
    assert.deepStrictEqual(keys, ['wlabel:app=web', 'wlabel:app=nope']);
    const web = [...analyzer.index.allResources()].find(r => r.name === 'web')!;
    assert.ok(providedKeys(web).includes('wlabel:app=web'));
  });
});
