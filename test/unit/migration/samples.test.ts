import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { planGatewayMigration } from '../../../server/src/core/analysis/gatewayMigration';
import { analyzeFixture } from '../../harness/analyze';
import { generated, generatedObjects, lintGenerated, noteFields, planFor } from './support';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const BOOKINFO = 'third_party/istio/samples/bookinfo/networking/bookinfo-gateway.yaml';
const BOOKINFO_GATEWAY_API = 'third_party/istio/samples/bookinfo/gateway-api/bookinfo-gateway.yaml';

function read(rel: string): string {
  return fs.readFileSync(path.join(ROOT, rel), 'utf8');
}

function yamlFilesUnder(rel: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const child = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else if (/\.ya?ml$/.test(e.name)) out.set(`/ws/${child}`, read(child));
    }
  };
  walk(rel);
  return out;
}

describe("migration to Gateway API: Istio's bookinfo gateway", () => {
  const files = new Map([[`/ws/${BOOKINFO}`, read(BOOKINFO)]]);
  const plan = planFor(files, { file: `/ws/${BOOKINFO}` });

  it('writes a new file next to the Istio one and leaves the source alone', () => {
    assert.strictEqual(
      plan.file,
      `/ws/${BOOKINFO.replace('bookinfo-gateway.yaml', 'bookinfo-gateway.gateway-api.yaml')}`,
    );
    assert.deepStrictEqual(
      plan.resources.map(r => `${r.kind} ${r.name}`),
      ['Gateway bookinfo-gateway', 'HTTPRoute bookinfo'],
    );
    assert.deepStrictEqual(
      plan.virtualServices.map(v => v.name),
      ['bookinfo'],
    );
  });

  it('generates the Gateway field by field', () => {
    assert.deepStrictEqual(generated(plan, 'Gateway', 'bookinfo-gateway'), {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'bookinfo-gateway' },
      spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 8080, protocol: 'HTTP' }] },
    });
    assert.ok(
      noteFields(plan, 'info').includes('Gateway default/bookinfo-gateway servers[0].port.number'),
      'port 8080 is explained',
    );
  });

  it("generates the HTTPRoute Istio's own Gateway API sample has, field by field", () => {
    const upstream = parseAllDocuments(read(BOOKINFO_GATEWAY_API))
      .map(d => d.toJS() as { kind: string; spec: Record<string, unknown> })
      .find(o => o.kind === 'HTTPRoute')!;
    const route = generated(plan, 'HTTPRoute', 'bookinfo');
    assert.deepStrictEqual(route, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'bookinfo' },
      spec: { parentRefs: [{ name: 'bookinfo-gateway' }], rules: upstream.spec.rules },
    });
  });

  it('is lint-clean: istio-ls reports nothing on the generated file', () => {
    assert.deepStrictEqual(lintGenerated(files, plan), []);
  });

  it('has nothing to warn about', () => {
    assert.deepStrictEqual(noteFields(plan, 'warning'), []);
  });
});

describe("migration to Gateway API: the repo's examples", () => {
  const files = yamlFilesUnder('examples');
  const plan = planFor(files, { file: '/ws/examples/mesh/gateway.yaml' });

  it('turns the HTTPS server into a terminating listener and httpsRedirect into a redirect route', () => {
    assert.deepStrictEqual(
      generatedObjects(plan).map(o => `${o.kind as string} ${(o.metadata as { name: string }).name}`),
      ['Gateway bookinfo-gateway', 'HTTPRoute bookinfo-gateway-http-redirect'],
    );
    assert.deepStrictEqual(generated(plan, 'Gateway', 'bookinfo-gateway'), {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'bookinfo-gateway', namespace: 'istio-system' },
      spec: {
        gatewayClassName: 'istio',
        listeners: [
          {
            name: 'https',
            hostname: 'bookinfo.example.com',
            port: 443,
            protocol: 'HTTPS',
            tls: { mode: 'Terminate', certificateRefs: [{ name: 'bookinfo-cert' }] },
          },
          { name: 'http', hostname: 'bookinfo.example.com', port: 80, protocol: 'HTTP' },
        ],
      },
    });
    assert.deepStrictEqual(generated(plan, 'HTTPRoute', 'bookinfo-gateway-http-redirect'), {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'bookinfo-gateway-http-redirect', namespace: 'istio-system' },
      spec: {
        parentRefs: [{ name: 'bookinfo-gateway', sectionName: 'http' }],
        hostnames: ['bookinfo.example.com'],
        rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
      },
    });
  });

  it('is lint-clean in the examples workspace', () => {
    assert.deepStrictEqual(lintGenerated(files, plan), []);
  });

  it('refuses a VirtualService bound to no Istio Gateway (the examples misspell the gateway on purpose)', () => {
    const analyzer = analyzeFixture(files);
    const file = '/ws/examples/mesh/virtual-services.yaml';
    const text = files.get(file)!;
    const outcome = planGatewayMigration(analyzer, { file, offset: text.indexOf('name: bookinfo') }, f => files.get(f));
    assert.deepStrictEqual(outcome, { error: 'VirtualService bookinfo is bound to no Istio Gateway of the workspace' });
  });
});
