import * as assert from 'assert';
import { Analyzer } from '../../../server/src/core/analysis/analyzer';
import { codeLenses } from '../../../server/src/core/features/codeLens';
import { definition } from '../../../server/src/core/features/definition';
import { references } from '../../../server/src/core/features/references';
import type { FeatureContext } from '../../../server/src/core/features/types';
import { workspaceSymbols } from '../../../server/src/core/features/workspaceSymbols';
import type { FileSummary } from '../../../server/src/core/index/fileSummary';
import type { Resource } from '../../../server/src/core/model/types';
import type { Str } from '../../../server/src/core/parse/access';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';

const SERVICES = 15_000;
const NAMESPACES = 50;

/**
 * 60,000 resources (per service: a Service, a Deployment, a VirtualService bound to one shared
 * Gateway and a DestinationRule with two subsets), built as summaries so the test measures the
 * features, not YAML parsing.
 */
function workspace(): { analyzer: Analyzer; fc: FeatureContext } {
  const analyzer = new Analyzer(DEFAULT_SETTINGS);
  analyzer.setCrossFileEnabled(false);
  const summaries: FileSummary[] = [];
  for (let i = 0; i < SERVICES; i++) {
    const ns = `team-${i % NAMESPACES}`;
    const name = `svc-${i}`;
    const file = `/ws/${ns}/${name}.yaml`;
    const s = (value: string, start: number): Str => ({ value, span: { start, end: start + value.length } });
    const base = (docIndex: number, kind: string, apiVersion: string): Resource => ({
      id: `${file}#${docIndex}`,
      file,
      docIndex,
      span: { start: docIndex * 1000, end: docIndex * 1000 + 999 },
      apiVersion,
      group: apiVersion.includes('/') ? apiVersion.split('/')[0] : '',
      version: 'v1',
      kind,
      name,
      nameSpan: { start: docIndex * 1000 + 10, end: docIndex * 1000 + 10 + name.length },
      explicitNamespace: ns,
      namespace: ns,
      labels: {},
      suppress: [],
      incomplete: false,
    });
    const resources: Resource[] = [
      { ...base(0, 'Service', 'v1'), serviceSelector: { app: name }, serviceType: 'ClusterIP' },
      { ...base(1, 'Deployment', 'apps/v1'), podLabels: { app: name, version: 'v1' } },
      {
        ...base(2, 'VirtualService', 'networking.istio.io/v1'),
        hosts: [s(name, 2100)],
        gateways: [s('istio-system/public', 2200)],
        destinations: [
          { host: s(name, 2300), subset: s('v1', 2400), via: 'http', routeIndex: 0 },
          { host: s(name, 2500), subset: s('v2', 2600), via: 'http', routeIndex: 0 },
        ],
      },
      {
        ...base(3, 'DestinationRule', 'networking.istio.io/v1'),
        drHost: s(name, 3100),
        subsets: [
          { name: s('v1', 3200), labels: { version: 'v1' } },
          { name: s('v2', 3300), labels: { version: 'v2' } },
        ],
      },
    ];
    summaries.push({ file, lineStarts: [0], resources, directives: [], findings: [], hasIstio: true, brokenDocs: [] });
  }
  const gw: Resource = {
    id: '/ws/gw.yaml#0',
    file: '/ws/gw.yaml',
    docIndex: 0,
    span: { start: 0, end: 999 },
    apiVersion: 'networking.istio.io/v1',
    group: 'networking.istio.io',
    version: 'v1',
    kind: 'Gateway',
    name: 'public',
    nameSpan: { start: 10, end: 16 },
    explicitNamespace: 'istio-system',
    namespace: 'istio-system',
    labels: {},
    suppress: [],
    incomplete: false,
    selector: { labels: { istio: 'ingressgateway' }, keySpan: { start: 20, end: 28 }, templated: false },
  };
  summaries.push({
    file: '/ws/gw.yaml',
    lineStarts: [0],
    resources: [gw],
    directives: [],
    findings: [],
    hasIstio: true,
    brokenDocs: [],
  });
  analyzer.update(summaries.map(summary => ({ file: summary.file, summary })));
  return { analyzer, fc: { index: analyzer.index, readText: () => undefined } };
}

/** Median of several runs, so one garbage collection does not fail the test. */
function time<T>(fn: () => T): { ms: number; result: T } {
  const runs: number[] = [];
  let result = fn();
  for (let i = 0; i < 7; i++) {
    const start = process.hrtime.bigint();
    result = fn();
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { ms: runs.sort((a, b) => a - b)[3], result };
}

describe('navigation at scale (60k resources)', function () {
  this.timeout(60_000);
  const { analyzer, fc } = workspace();
  const vsFile = '/ws/team-7/svc-1207.yaml';

  it('indexes 60k resources', () => {
    assert.strictEqual(analyzer.index.resourceCount, SERVICES * 4 + 1);
  });

  it('definition, references, code lens and workspace symbols answer correctly at 60k resources (timings: npm run bench)', () => {
    const def = time(() => definition(fc, vsFile, 2401));
    assert.deepStrictEqual(def.result, [{ file: vsFile, span: { start: 3200, end: 3202 } }]);
    const refs = time(() => references(fc, vsFile, 3201, true));
    assert.strictEqual(refs.result.length, 2);
    const lens = time(() => codeLenses(fc, vsFile));
    assert.deepStrictEqual(
      lens.result.map(l => l.title),
      ['used by 1 route', 'used by 1 route'],
    );
    const exact = time(() => workspaceSymbols(analyzer.index, 'svc-1207'));
    assert.deepStrictEqual(
      exact.result.slice(0, 4).map(r => r.name),
      [
        'Deployment team-7/svc-1207',
        'DestinationRule team-7/svc-1207',
        'Service team-7/svc-1207',
        'VirtualService team-7/svc-1207',
      ],
    );
    const broad = time(() => workspaceSymbols(analyzer.index, 'vs 99'));
    assert.strictEqual(broad.result.length, 500);
    const none = time(() => workspaceSymbols(analyzer.index, 'no such thing'));
    assert.deepStrictEqual(none.result, []);
  });

  it('a Gateway used by 15k VirtualServices: references and its code lens list them all', () => {
    const refs = time(() => references(fc, '/ws/gw.yaml', 12, false));
    assert.strictEqual(refs.result.length, SERVICES);
    const lens = time(() => codeLenses(fc, '/ws/gw.yaml'));
    assert.deepStrictEqual(
      lens.result.map(l => l.title),
      [`used by ${SERVICES} VirtualServices`],
    );
  });
});
