import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { goesOn, istioName, isIstioDomain, referenceUrl } from '../../../server/src/core/annotations/catalog';
import { ANNOTATIONS, LABELS, PROFILES } from '../../../server/src/core/annotations/names.gen';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const VENDORED = path.join(ROOT, 'third_party', 'istio');

function vendoredList(file: string, key: string): { name: string; resources: string[] }[] {
  return (
    parse(fs.readFileSync(path.join(VENDORED, file), 'utf8')) as Record<string, { name: string; resources: string[] }[]>
  )[key];
}

describe("Istio's annotation and label names", () => {
  it('every annotation in the vendored list is known, on the kinds it lists', () => {
    const list = vendoredList('api/annotation/annotations.yaml', 'annotations');
    assert.ok(list.length >= 60, `${list.length} annotations`);
    for (const a of list) {
      const known = istioName('annotation', a.name);
      assert.ok(known, `${a.name} is not known`);
      for (const kind of a.resources) assert.ok(goesOn(known, kind), `${a.name} goes on ${kind}`);
    }
    assert.strictEqual(ANNOTATIONS.length, list.length);
  });

  it('every label in the vendored list is known', () => {
    const list = vendoredList('api/label/labels.yaml', 'labels');
    assert.ok(list.length >= 20, `${list.length} labels`);
    for (const l of list) assert.ok(istioName('label', l.name), `${l.name} is not known`);
    assert.strictEqual(LABELS.length, list.length);
  });

  it("the profiles are istioctl's (manifests/profiles)", () => {
    const files = fs.readdirSync(path.join(VENDORED, 'manifests', 'profiles')).map(f => f.replace(/\.yaml$/, ''));
    assert.deepStrictEqual([...PROFILES].sort(), files.sort());
    assert.ok(PROFILES.includes('default') && PROFILES.includes('ambient'));
  });

  it('names.gen.ts is what the generator makes of the vendored lists (--check; it can fail)', () => {
    const script = path.join(ROOT, 'scripts', 'generateIstioNames.mjs');
    const ok = spawnSync(process.execPath, [script, '--check'], { cwd: ROOT, encoding: 'utf8' });
    assert.strictEqual(ok.status, 0, ok.stderr);
  });

  it("Istio's domains, and nobody else's", () => {
    for (const n of ['istio.io/rev', 'sidecar.istio.io/inject', 'traffic.sidecar.istio.io/x'])
      assert.ok(isIstioDomain(n), n);
    for (const n of [
      'example.com/istio.io',
      'prometheus.io/scrape',
      'notistio.io/x',
      'app',
      'kubernetes.io/ingress.class',
    ])
      assert.ok(!isIstioDomain(n), n);
  });

  it('reference links use the anchors istio.io uses (Go variable names of istio/api)', () => {
    const url = (kind: 'annotation' | 'label', name: string) => referenceUrl(kind, istioName(kind, name)!);
    assert.match(url('annotation', 'sidecar.istio.io/proxyCPU'), /annotations\/#SidecarProxyCPU$/);
    assert.match(
      url('annotation', 'readiness.status.sidecar.istio.io/periodSeconds'),
      /#SidecarStatusReadinessPeriodSeconds$/,
    );
    assert.match(url('annotation', 'istio.io/rev'), /#IoIstioRev$/);
    assert.match(url('annotation', 'prometheus.istio.io/merge-metrics'), /#PrometheusMergeMetrics$/);
    assert.match(url('label', 'topology.istio.io/network'), /labels\/#TopologyNetwork$/);
  });
});

describe('schemas/mesh', () => {
  it('is what the proto generator makes of the vendored protos (--check; it can fail)', () => {
    const script = path.join(ROOT, 'out', 'scripts', 'schemas', 'protos', 'generate.js');
    const ok = spawnSync(process.execPath, [script, '--check'], { cwd: ROOT, encoding: 'utf8' });
    assert.strictEqual(ok.status, 0, ok.stderr);
    const file = path.join(ROOT, 'schemas', 'mesh', 'ProxyConfig.json');
    const copy = `${file}.bak`;
    fs.copyFileSync(file, copy);
    try {
      fs.appendFileSync(file, ' ');
      const stale = spawnSync(process.execPath, [script, '--check'], { cwd: ROOT, encoding: 'utf8' });
      assert.strictEqual(stale.status, 1, 'a changed file is reported');
      assert.match(stale.stderr, /differs: schemas\/mesh\/ProxyConfig\.json/);
    } finally {
      fs.renameSync(copy, file);
    }
  });
});
