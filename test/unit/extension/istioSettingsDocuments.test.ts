import * as assert from 'assert';
import { isIstioText, mayHoldIstioSettings, wantsIstioFeatures } from '../../../client/src/istioDocument';

describe('which documents get completion and hover (client filter)', () => {
  it('Kubernetes documents with annotations or labels, and any mentioning istio.io/', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  annotations:\n    \n';
    assert.ok(!isIstioText(deployment), 'not an Istio resource');
    assert.ok(mayHoldIstioSettings(deployment));
    assert.ok(wantsIstioFeatures(deployment));
    assert.ok(mayHoldIstioSettings('apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    app: x\n'));
    assert.ok(mayHoldIstioSettings('apiVersion: v1\nkind: ConfigMap\ndata:\n  x: "sidecar.istio.io/inject"\n'));
    assert.ok(mayHoldIstioSettings('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio}\ndata:\n  mesh: |\n'));
  });

  it('other YAML still never reaches the server', () => {
    assert.ok(!mayHoldIstioSettings('services:\n  web:\n    image: nginx\n    labels: {a: b}\n'));
    assert.ok(!wantsIstioFeatures('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}\ndata: {}\n'));
    assert.ok(!wantsIstioFeatures('apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 2\n'));
  });
});
